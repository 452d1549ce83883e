package link.etcd.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * A real single-member etcd server running as a child process on loopback, with the v2 API enabled
 * unless asked otherwise.
 *
 * <p>Start one with {@link #start()} (throw-away data) or {@link #start(Path)} (data kept in the
 * given directory), or choose the binary and the APIs with {@link #builder()}:
 *
 * <pre>{@code
 * try (EtcdProcess etcd = EtcdProcess.builder().binary(EtcdBinary.V3_5).v2(false).start()) { ... }
 * }</pre>
 *
 * <p>Talk to it at {@link #clientUrl()}, and stop it with {@link #close()}. etcd's own output goes
 * to a log file in a temporary directory, never to the test's stdout; if etcd does not come up, the
 * exception carries the last lines of that log.
 */
public final class EtcdProcess implements AutoCloseable {

  private static final String HOST = "127.0.0.1";
  private static final String MEMBER_NAME = "link-etcd-testing";
  private static final String INSTALL_HINT =
      "etcd not found (looked at $ETCD_BIN and PATH); "
          + "install Debian's etcd-server (apt-get install -y etcd-server) or set ETCD_BIN";
  private static final int MAX_ATTEMPTS = 3;
  private static final int LOG_TAIL_LINES = 20;
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .proxy(HttpClient.Builder.NO_PROXY)
          .connectTimeout(Duration.ofSeconds(1))
          .build();

  /**
   * Serves the client API over TLS: etcd's {@code --cert-file} and {@code --key-file} (PEM), and,
   * when {@code trustedCaFile} is set, {@code --trusted-ca-file} with {@code --client-cert-auth},
   * so that only clients with a certificate signed by that CA are served.
   *
   * @param certFile the server certificate, valid for {@code 127.0.0.1}
   * @param keyFile the server's private key
   * @param trustedCaFile the CA that client certificates must be signed by, or {@code null} for no
   *     client certificates
   * @param healthCheckContext what the start-up health check connects with: it must trust the
   *     server's certificate, and present a client certificate when {@code trustedCaFile} is set
   */
  public record Tls(
      Path certFile, Path keyFile, @Nullable Path trustedCaFile, SSLContext healthCheckContext) {}

  /** How a start attempt ended. */
  private enum Startup {
    HEALTHY,
    EXITED,
    TIMED_OUT
  }

  private final Process process;
  private final String scheme;
  private final int clientPort;
  private final Path workDir;
  private final Path dataDir;
  private final Thread shutdownHook;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EtcdProcess(Process process, String scheme, int clientPort, Path workDir, Path dataDir) {
    this.process = process;
    this.scheme = scheme;
    this.clientPort = clientPort;
    this.workDir = workDir;
    this.dataDir = dataDir;
    this.shutdownHook = new Thread(process::destroyForcibly, "etcd-shutdown-" + process.pid());
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts etcd with a fresh temporary data directory, which {@link #close()} deletes.
   *
   * @return the running, healthy server
   * @throws IllegalStateException if etcd is not installed or does not become healthy within 20
   *     seconds
   * @throws UncheckedIOException if the temporary directory cannot be created or etcd cannot be
   *     executed
   */
  public static EtcdProcess start() {
    return builder().start();
  }

  /**
   * {@return a builder of a member: the {@link EtcdBinary#DEFAULT} binary, v2 enabled, no TLS,
   * throw-away data}
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Chooses the binary, the APIs, TLS and the data directory of a member, then starts it. */
  public static final class Builder {
    private @Nullable Path binary;
    private EtcdBinary release = EtcdBinary.DEFAULT;
    private boolean v2 = true;
    private @Nullable Tls tls;
    private @Nullable Path dataDir;
    private List<String> flags = List.of();

    private Builder() {}

    /**
     * Adds command-line flags, such as {@code --auth-token-ttl=2}, after the ones the member always
     * gets.
     *
     * @param flags etcd flags, each a whole argument
     * @return this builder
     */
    public Builder flags(String... flags) {
      this.flags = List.of(flags);
      return this;
    }

    /**
     * Runs one of the known binaries.
     *
     * @param binary {@link EtcdBinary#DEFAULT} (the default) or {@link EtcdBinary#V3_5}
     * @return this builder
     */
    public Builder binary(EtcdBinary binary) {
      this.release = Objects.requireNonNull(binary, "binary");
      this.binary = null;
      return this;
    }

    /**
     * Runs this executable.
     *
     * @param binary the path of an etcd 3.4+ binary
     * @return this builder
     */
    public Builder binary(Path binary) {
      this.binary = Objects.requireNonNull(binary, "binary");
      return this;
    }

    /**
     * Whether to start etcd with {@code --enable-v2=true}; without it (etcd 3.6+ refuses the flag)
     * only the v3 API is served.
     *
     * @param v2 true (the default) to serve the v2 API too
     * @return this builder
     */
    public Builder v2(boolean v2) {
      this.v2 = v2;
      return this;
    }

    /**
     * Serves clients over TLS only.
     *
     * @param tls the certificates
     * @return this builder
     */
    public Builder tls(Tls tls) {
      this.tls = Objects.requireNonNull(tls, "tls");
      return this;
    }

    /**
     * Keeps the data in {@code dataDir}, which {@link #close()} leaves in place.
     *
     * @param dataDir etcd's data directory; created by etcd if it does not exist
     * @return this builder
     */
    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath();
      return this;
    }

    /**
     * Starts the member.
     *
     * @return the running, healthy server
     * @throws IllegalStateException if the binary is missing or etcd does not become healthy within
     *     20 seconds
     */
    public EtcdProcess start() {
      Path executable = binary != null ? binary : release.path();
      Path workDir = createWorkDir();
      return launch(
          executable, workDir, dataDir != null ? dataDir : workDir.resolve("data"), tls, v2, flags);
    }
  }

  /**
   * Starts etcd with a fresh temporary data directory, serving clients over TLS only ({@code
   * https}).
   *
   * @param tls the server's certificate and key, and the CA it requires client certificates from,
   *     if any
   * @return the running, healthy server
   * @throws IllegalStateException if etcd is not installed or does not become healthy within 20
   *     seconds
   */
  public static EtcdProcess start(Tls tls) {
    return builder().tls(tls).start();
  }

  /**
   * Starts etcd on the given data directory, which {@link #close()} leaves in place, so a later
   * start on the same directory sees the same keys.
   *
   * @param dataDir etcd's data directory; created by etcd if it does not exist
   * @return the running, healthy server
   * @throws IllegalStateException if etcd is not installed or does not become healthy within 20
   *     seconds
   * @throws UncheckedIOException if the temporary directory cannot be created or etcd cannot be
   *     executed
   */
  public static EtcdProcess start(Path dataDir) {
    return builder().dataDir(dataDir).start();
  }

  /**
   * Returns the host etcd listens on for clients.
   *
   * @return always {@code "127.0.0.1"}
   */
  public String host() {
    return HOST;
  }

  /**
   * Returns the port etcd listens on for clients.
   *
   * @return the client port on {@link #host()}
   */
  public int clientPort() {
    return clientPort;
  }

  /**
   * Returns the base URL of etcd's client API, without a trailing slash.
   *
   * @return for example {@code "http://127.0.0.1:40123"}, or {@code https} for a server started
   *     with TLS
   */
  public String clientUrl() {
    return scheme + "://" + HOST + ":" + clientPort;
  }

  /**
   * Returns the operating-system process id of the etcd server.
   *
   * @return the pid of the etcd child process
   */
  public long pid() {
    return process.pid();
  }

  /**
   * Stops this etcd process (SIGTERM, then a forced kill after 10 seconds) and deletes the
   * temporary directory holding its log and, for {@link #start()}, its data. Calling it again does
   * nothing.
   *
   * @throws UncheckedIOException if the temporary directory cannot be deleted
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException jvmShuttingDown) {
      // The hook is already running and kills the process itself.
    }
    stop(process);
    deleteRecursively(workDir);
  }

  /** The data directory etcd was started on; exposed to the package for tests. */
  Path dataDir() {
    return dataDir;
  }

  /**
   * Finds the etcd binary: {@code ETCD_BIN} if set, otherwise {@code etcd} on {@code PATH}.
   *
   * @param env the environment to read {@code ETCD_BIN} and {@code PATH} from
   * @return the path of an executable etcd binary
   * @throws IllegalStateException with installation instructions if there is none
   */
  static Path findBinary(Map<String, String> env) {
    String configured = env.get("ETCD_BIN");
    if (configured != null && !configured.isEmpty()) {
      Path binary = Path.of(configured);
      if (isExecutableFile(binary)) {
        return binary;
      }
      throw new IllegalStateException(
          INSTALL_HINT
              + ". ETCD_BIN is set to "
              + configured
              + ", which is not an executable file.");
    }
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, "etcd");
        if (isExecutableFile(candidate)) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException(INSTALL_HINT + ".");
  }

  private static boolean isExecutableFile(Path file) {
    return Files.isRegularFile(file) && Files.isExecutable(file);
  }

  private static Path createWorkDir() {
    try {
      return Files.createTempDirectory("link-etcd-testing-");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not create a temporary directory for etcd; check that java.io.tmpdir is writable",
          e);
    }
  }

  private static EtcdProcess launch(
      Path binary, Path workDir, Path dataDir, @Nullable Tls tls, boolean v2, List<String> flags) {
    try {
      return launchWithRetries(binary, workDir, dataDir, tls, v2, flags);
    } catch (RuntimeException e) {
      try {
        deleteRecursively(workDir);
      } catch (UncheckedIOException cleanupFailure) {
        e.addSuppressed(cleanupFailure);
      }
      throw e;
    }
  }

  private static EtcdProcess launchWithRetries(
      Path binary, Path workDir, Path dataDir, @Nullable Tls tls, boolean v2, List<String> flags) {
    Path log = workDir.resolve("etcd.log");
    String scheme = tls == null ? "http" : "https";
    boolean gateway = !flags.contains("--enable-grpc-gateway=false");
    HttpClient http =
        tls == null
            ? HTTP
            : HttpClient.newBuilder()
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofSeconds(1))
                .sslContext(tls.healthCheckContext())
                .build();
    for (int attempt = 1; ; attempt++) {
      int[] ports = freePorts(2);
      int clientPort = ports[0];
      int peerPort = ports[1];
      Process process = spawn(binary, dataDir, scheme, clientPort, peerPort, log, tls, v2, flags);
      Startup startup;
      try {
        startup =
            awaitHealthy(
                process, http, URI.create(scheme + "://" + HOST + ":" + clientPort), v2, gateway);
      } catch (InterruptedException e) {
        stop(process);
        Thread.currentThread().interrupt();
        throw new IllegalStateException(
            "interrupted while waiting for etcd to start; etcd was stopped", e);
      }
      if (startup == Startup.HEALTHY) {
        return new EtcdProcess(process, scheme, clientPort, workDir, dataDir);
      }
      stop(process);
      String logTail = tail(log);
      if (startup == Startup.TIMED_OUT) {
        throw new IllegalStateException(
            "etcd did not become healthy within "
                + STARTUP_TIMEOUT.toSeconds()
                + " s at "
                + scheme
                + "://"
                + HOST
                + ":"
                + clientPort
                + " (GET /health must report \"health\":\"true\""
                + (v2
                    ? " and GET /v2/keys/ must return 200"
                    : gateway ? " and POST /v3/kv/range must return 200" : "")
                + "); "
                + "check the last lines of etcd's log:\n"
                + logTail);
      }
      boolean portClash = logTail.contains("address already in use");
      if (!portClash) {
        throw new IllegalStateException(
            "etcd exited with code "
                + process.exitValue()
                + " before becoming healthy; check the last lines of etcd's log:\n"
                + logTail);
      }
      if (attempt == MAX_ATTEMPTS) {
        throw new IllegalStateException(
            "etcd could not bind free loopback ports after "
                + MAX_ATTEMPTS
                + " attempts (other processes took them first); retry, or check what is binding ports on "
                + HOST
                + ". Last lines of etcd's log:\n"
                + logTail);
      }
    }
  }

  private static Process spawn(
      Path binary,
      Path dataDir,
      String scheme,
      int clientPort,
      int peerPort,
      Path log,
      @Nullable Tls tls,
      boolean v2,
      List<String> flags) {
    String clientUrl = scheme + "://" + HOST + ":" + clientPort;
    String peerUrl = "http://" + HOST + ":" + peerPort;
    List<String> command =
        MemberCommand.of(
            binary, MEMBER_NAME, dataDir, clientUrl, peerUrl, MEMBER_NAME + "=" + peerUrl, v2);
    if (tls != null) {
      command.addAll(
          List.of(
              "--cert-file", tls.certFile().toString(), "--key-file", tls.keyFile().toString()));
      Path trustedCa = tls.trustedCaFile();
      if (trustedCa != null) {
        command.addAll(List.of("--trusted-ca-file", trustedCa.toString(), "--client-cert-auth"));
      }
    }
    command.addAll(flags);
    try {
      return new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not run "
              + binary
              + "; check that ETCD_BIN or PATH points to a working etcd binary",
          e);
    }
  }

  /**
   * Waits until the member reports healthy and serves the API it was asked for: {@code /v2/keys/}
   * with v2, else the gateway's {@code /v3/kv/range} unless {@code gateway} is off (gRPC alone is
   * not asked: java.net.http speaks no HTTP/2 without TLS or upgrade).
   */
  private static Startup awaitHealthy(
      Process process, HttpClient http, URI base, boolean v2, boolean gateway)
      throws InterruptedException {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        return Startup.EXITED;
      }
      if (isHealthy(http, base, v2, gateway) && process.isAlive()) {
        return Startup.HEALTHY;
      }
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
    return process.isAlive() ? Startup.TIMED_OUT : Startup.EXITED;
  }

  private static boolean isHealthy(HttpClient http, URI base, boolean v2, boolean gateway)
      throws InterruptedException {
    try {
      HttpResponse<String> health = get(http, base.resolve("/health"));
      return health.statusCode() == 200
          && health.body().contains("\"health\":\"true\"")
          && (v2
              ? get(http, base.resolve("/v2/keys/")).statusCode() == 200
              : !gateway || servesV3(http, base));
    } catch (IOException notUpYet) {
      return false;
    }
  }

  private static boolean servesV3(HttpClient http, URI base)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/v3/kv/range"))
            .timeout(Duration.ofSeconds(2))
            .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"AA==\"}"))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
  }

  private static HttpResponse<String> get(HttpClient http, URI uri)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  static int[] freePorts(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      InetAddress loopback = InetAddress.getByName(HOST);
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, loopback);
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not find free ports on " + HOST + "; check the loopback interface", e);
    } finally {
      sockets.forEach(EtcdProcess::closeQuietly);
    }
  }

  private static void closeQuietly(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing a probe socket cannot lose data; the port is released either way.
    }
  }

  private static void stop(Process process) {
    process.destroy();
    boolean interrupted = false;
    try {
      if (process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      interrupted = true;
    }
    process.destroyForcibly();
    try {
      process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines =
          new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
      List<String> last = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
      return last.isEmpty() ? "(etcd's log is empty)" : String.join("\n", last);
    } catch (IOException e) {
      return "(could not read etcd's log " + log + ": " + e.getMessage() + ")";
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not delete etcd's temporary directory " + dir + "; delete it by hand", e);
    }
  }
}
