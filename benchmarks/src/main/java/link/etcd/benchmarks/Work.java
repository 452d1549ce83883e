package link.etcd.benchmarks;

/** One kind of work every peer does, and how its samples read. */
enum Work {
  SEQUENTIAL_PUTS("2000 sequential PUTs", "PUT/s", true),
  TREE_SET("set of a 2000-leaf tree", "leaves/s", true),
  GET_2000("get of the 2000-leaf tree", "ms", false),
  GET_20000("get of a 20,000-leaf tree", "ms", false),
  DELETE("recursive delete of the 2000-leaf tree", "ms", false),
  WATCH("watch latency, write → event", "ms", false);

  static final int PUTS = 2000;

  final String title;
  final String unit;
  /** Whether a sample is reported as a rate (higher is better) rather than a time (lower is better). */
  final boolean rate;

  Work(String title, String unit, boolean rate) {
    this.title = title;
    this.unit = unit;
    this.rate = rate;
  }

  /** The figure shown for a sample of {@code seconds}: a rate of {@link #PUTS} operations, or milliseconds. */
  double figure(double seconds) {
    return rate ? PUTS / seconds : seconds * 1000;
  }
}
