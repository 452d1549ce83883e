package link.etcd.benchmarks;

/** One kind of work every peer does, and how its samples read. */
enum Work {
  SEQUENTIAL_PUTS("2000 sequential PUTs", "PUT/s", true, 1),
  TREE_SET("set of a 2000-leaf tree", "leaves/s", true, 1),
  GET_2000("get of the 2000-leaf tree", "ms", false, 10),
  GET_20000("get of a 20,000-leaf tree", "ms", false, 3),
  DELETE("recursive delete of the 2000-leaf tree", "ms", false, 1),
  WATCH("watch latency, write → event", "ms", false, 1);

  static final int PUTS = 2000;

  final String title;
  final String unit;

  /**
   * Whether a sample is reported as a rate (higher is better) rather than a time (lower is better).
   */
  final boolean rate;

  /**
   * How many times one sample does the work; the sample is the mean, so that a short piece of work
   * is timed well.
   */
  final int repeat;

  Work(String title, String unit, boolean rate, int repeat) {
    this.title = title;
    this.unit = unit;
    this.rate = rate;
    this.repeat = repeat;
  }

  /** The unit of {@link #cpuMicrosPerOperation}. */
  String cpuUnit() {
    return switch (this) {
      case SEQUENTIAL_PUTS, TREE_SET -> "µs/PUT";
      case WATCH -> "µs/change";
      default -> "µs/call";
    };
  }

  /**
   * The client's CPU per operation, in microseconds, for a sample that spent {@code cpuSeconds}.
   */
  double cpuMicrosPerOperation(double cpuSeconds) {
    return switch (this) {
      case SEQUENTIAL_PUTS, TREE_SET -> cpuSeconds * 1e6 / PUTS;
      case WATCH -> cpuSeconds * 1e6 / Peer.WATCH_CHANGES;
      default -> cpuSeconds * 1e6;
    };
  }

  /**
   * The figure shown for a sample of {@code seconds}: a rate of {@link #PUTS} operations, or
   * milliseconds.
   */
  double figure(double seconds) {
    return rate ? PUTS / seconds : seconds * 1000;
  }
}
