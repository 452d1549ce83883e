package link.etcd.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A real 3-member etcd cluster on loopback, each member a child process with its own free ports and
 * temporary data directory, the v2 API enabled. Tests kill ({@code SIGKILL}), pause ({@code
 * SIGSTOP}/{@code SIGCONT}) and restart members one at a time; only processes this class started
 * are ever signalled.
 *
 * <pre>
 * try (EtcdCluster cluster = EtcdCluster.start()) {
 *   int leader = cluster.leader();
 *   cluster.kill(leader);
 *   // ... the client keeps working through cluster.endpoints()
 *   cluster.restart(leader);
 * }
 * </pre>
 */
public final class EtcdCluster implements AutoCloseable {
  /** The raft timing of the members: how soon the others elect a new leader when one dies. */
  public enum RaftTiming {
    /**
     * Half of etcd's defaults ({@code --heartbeat-interval 50 --election-timeout 500}): after a
     * member is killed, the election, split votes included, takes well under a second on loopback.
     * What {@link #start()} uses.
     */
    FAST(50, 500),
    /**
     * etcd's own defaults (100 ms heartbeat, 1 s election timeout), as a user's cluster runs: an
     * election takes 1 to 2 s.
     */
    ETCD_DEFAULTS(100, 1000);

    private final int heartbeatMillis;
    private final int electionMillis;

    RaftTiming(int heartbeatMillis, int electionMillis) {
      this.heartbeatMillis = heartbeatMillis;
      this.electionMillis = electionMillis;
    }
  }

  private static final String HOST = "127.0.0.1";
  private static final int SIZE = 3;
  private static final Pattern MEMBER_ID = Pattern.compile("\"member_id\":\\s*\"(\\d+)\"");
  private static final Pattern LEADER = Pattern.compile("\"leader\":\\s*\"(\\d+)\"");
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .proxy(HttpClient.Builder.NO_PROXY)
          .connectTimeout(Duration.ofSeconds(1))
          .build();

  private final Path binary;
  private final boolean v2;
  private final RaftTiming timing;
  private final Path workDir;
  private final int[] clientPorts;
  private final int[] peerPorts;
  private final @Nullable Process[] processes = new Process[SIZE];
  private final Thread shutdownHook;

  private EtcdCluster(
      Path binary,
      boolean v2,
      RaftTiming timing,
      Path workDir,
      int[] clientPorts,
      int[] peerPorts) {
    this.binary = binary;
    this.v2 = v2;
    this.timing = timing;
    this.workDir = workDir;
    this.clientPorts = clientPorts;
    this.peerPorts = peerPorts;
    this.shutdownHook = new Thread(this::killAll, "etcd-cluster-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts three members and waits until every one is healthy.
   *
   * @return the running cluster
   * @throws IllegalStateException if etcd is not installed or a member does not become healthy
   *     within 30 s
   */
  public static EtcdCluster start() {
    return start(EtcdBinary.DEFAULT, true);
  }

  /**
   * Starts three members of {@code binary} and waits until every one is healthy.
   *
   * @param binary {@link EtcdBinary#DEFAULT} or {@link EtcdBinary#V3_5}
   * @param v2 whether to serve the v2 API too ({@code --enable-v2=true}); without it, {@link
   *     #leader()} asks the v3 API
   * @return the running cluster
   * @throws IllegalStateException if the binary is missing or a member does not become healthy
   *     within 30 s
   */
  public static EtcdCluster start(EtcdBinary binary, boolean v2) {
    return start(binary, v2, RaftTiming.FAST);
  }

  /**
   * Starts three members of {@code binary} with the given raft timing and waits until every one is
   * healthy.
   *
   * @param binary {@link EtcdBinary#DEFAULT} or {@link EtcdBinary#V3_5}
   * @param v2 whether to serve the v2 API too ({@code --enable-v2=true}); without it, {@link
   *     #leader()} does not work
   * @param timing {@link RaftTiming#ETCD_DEFAULTS} to see failover as users' clusters give it
   * @return the running cluster
   * @throws IllegalStateException if the binary is missing or a member does not become healthy
   *     within 30 s
   */
  public static EtcdCluster start(EtcdBinary binary, boolean v2, RaftTiming timing) {
    return start(binary.path(), v2, timing);
  }

  private static EtcdCluster start(Path binary, boolean v2, RaftTiming timing) {
    Path workDir;
    try {
      workDir = Files.createTempDirectory("link-etcd-cluster-");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not create a temporary directory; check that java.io.tmpdir is writable", e);
    }
    int[] ports = EtcdProcess.freePorts(2 * SIZE);
    int[] clientPorts = {ports[0], ports[1], ports[2]};
    int[] peerPorts = {ports[3], ports[4], ports[5]};
    EtcdCluster cluster = new EtcdCluster(binary, v2, timing, workDir, clientPorts, peerPorts);
    try {
      for (int member = 0; member < SIZE; member++) {
        cluster.spawn(member);
      }
      for (int member = 0; member < SIZE; member++) {
        cluster.awaitHealthy(member);
      }
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /**
   * Returns the client endpoints of the three members, as {@code 127.0.0.1:port}.
   *
   * @return one endpoint per member, in member order
   */
  public List<String> endpoints() {
    List<String> endpoints = new ArrayList<>();
    for (int port : clientPorts) {
      endpoints.add(HOST + ":" + port);
    }
    return List.copyOf(endpoints);
  }

  /**
   * Returns the client URL of one member.
   *
   * @param member 0, 1 or 2
   * @return for example {@code http://127.0.0.1:40123}
   */
  public String clientUrl(int member) {
    return "http://" + HOST + ":" + clientPorts[member];
  }

  /**
   * Returns the operating-system process id of a running member.
   *
   * @param member 0, 1 or 2
   * @return its pid
   * @throws IllegalStateException if that member is not running
   */
  public long pid(int member) {
    return running(member).pid();
  }

  /**
   * Returns the member that is the raft leader now, as its own {@code /v2/stats/self} says, or,
   * without the v2 API, its {@code POST /v3/maintenance/status} (its own id is the leader's).
   *
   * @return 0, 1 or 2
   * @throws IllegalStateException if no running member says it leads within 10 s
   */
  public int leader() {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      for (int member = 0; member < SIZE; member++) {
        Process process = processes[member];
        if (process != null && process.isAlive() && leads(member)) {
          return member;
        }
      }
      sleep(Duration.ofMillis(100));
    }
    throw new IllegalStateException("no member of the cluster says it is the leader after 10 s");
  }

  /**
   * Kills one member at once with {@code SIGKILL}, as a crash would.
   *
   * @param member 0, 1 or 2
   */
  public void kill(int member) {
    Process process = running(member);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    processes[member] = null;
  }

  /**
   * Stops one member with {@code SIGSTOP}: it holds its connections but answers nothing.
   *
   * @param member 0, 1 or 2
   */
  public void pause(int member) {
    signal(member, "STOP");
  }

  /**
   * Lets a paused member run again with {@code SIGCONT}.
   *
   * @param member 0, 1 or 2
   */
  public void resume(int member) {
    signal(member, "CONT");
  }

  /**
   * Starts a killed member again on its data directory and ports, and waits until it is healthy.
   *
   * @param member 0, 1 or 2
   * @throws IllegalStateException if the member is running, or does not become healthy within 30 s
   */
  public void restart(int member) {
    if (processes[member] != null) {
      throw new IllegalStateException("member " + member + " is running; kill it first");
    }
    spawn(member);
    awaitHealthy(member);
  }

  /**
   * Kills every member still running and deletes the data directories. Calling it again does
   * nothing.
   */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException jvmShuttingDown) {
      // The hook is already running and kills the members itself.
    }
    killAll();
    EtcdProcess.deleteRecursively(workDir);
  }

  private void killAll() {
    for (int member = 0; member < SIZE; member++) {
      Process process = processes[member];
      if (process != null) {
        process.destroyForcibly();
        try {
          process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        processes[member] = null;
      }
    }
  }

  private Process running(int member) {
    Process process = processes[member];
    if (process == null || !process.isAlive()) {
      throw new IllegalStateException("member " + member + " is not running");
    }
    return process;
  }

  private void signal(int member, String signal) {
    long pid = running(member).pid();
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not run kill -" + signal + " " + pid, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling member " + member, e);
    }
  }

  private String name(int member) {
    return "member" + member;
  }

  private void spawn(int member) {
    StringBuilder initialCluster = new StringBuilder();
    for (int other = 0; other < SIZE; other++) {
      initialCluster
          .append(other == 0 ? "" : ",")
          .append(name(other))
          .append("=http://")
          .append(HOST)
          .append(':')
          .append(peerPorts[other]);
    }
    String clientUrl = clientUrl(member);
    String peerUrl = "http://" + HOST + ":" + peerPorts[member];
    List<String> command =
        MemberCommand.of(
            binary,
            name(member),
            workDir.resolve(name(member)),
            clientUrl,
            peerUrl,
            initialCluster.toString(),
            v2);
    command.addAll(
        List.of(
            "--initial-cluster-state",
            "new",
            "--initial-cluster-token",
            "link-etcd-" + workDir.getFileName(),
            "--heartbeat-interval",
            Integer.toString(timing.heartbeatMillis),
            "--election-timeout",
            Integer.toString(timing.electionMillis)));
    try {
      processes[member] =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(workDir.resolve(name(member) + ".log").toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not run " + binary + "; check that ETCD_BIN or PATH points to etcd", e);
    }
  }

  private void awaitHealthy(int member) {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    URI health = URI.create(clientUrl(member) + "/health");
    while (System.nanoTime() < deadline) {
      Process process = processes[member];
      if (process == null || !process.isAlive()) {
        throw new IllegalStateException(
            "etcd member " + member + " exited; its log:\n" + log(member));
      }
      String body = get(health);
      if (body != null && body.contains("\"health\":\"true\"")) {
        return;
      }
      sleep(Duration.ofMillis(100));
    }
    throw new IllegalStateException(
        "etcd member "
            + member
            + " did not become healthy within "
            + STARTUP_TIMEOUT.toSeconds()
            + " s; its log:\n"
            + log(member));
  }

  private String log(int member) {
    try {
      List<String> lines =
          Files.readAllLines(workDir.resolve(name(member) + ".log"), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  private boolean leads(int member) {
    if (v2) {
      String stats = get(URI.create(clientUrl(member) + "/v2/stats/self"));
      return stats != null && stats.contains("\"state\":\"StateLeader\"");
    }
    String status =
        send(
            HttpRequest.newBuilder(URI.create(clientUrl(member) + "/v3/maintenance/status"))
                .timeout(Duration.ofSeconds(2))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
    if (status == null) {
      return false;
    }
    Matcher self = MEMBER_ID.matcher(status);
    Matcher leader = LEADER.matcher(status);
    return self.find() && leader.find() && self.group(1).equals(leader.group(1));
  }

  private static @Nullable String get(URI uri) {
    return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build());
  }

  private static @Nullable String send(HttpRequest request) {
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : null;
    } catch (IOException notUp) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking " + request.uri(), e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
