package link.etcd.internal.http;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.Moshi;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import link.etcd.EtcdException;
import link.etcd.EtcdSettings;
import link.etcd.internal.Keys;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/**
 * The HTTP engine both APIs share: one connection pool, one dispatcher for ordinary calls and one
 * for watches (so long polls never hold back other calls), and the turning of each exchange into a
 * result or an {@link EtcdException}. {@link Failover} chooses the endpoint of each attempt and
 * what is retried. What is particular to one API (its protocol, credentials, member list, errors)
 * is the {@link ApiWire} its client hands in.
 */
public final class Transport implements AutoCloseable {
  /** Asynchronous watches open at once; each holds a connection and a thread while it waits. */
  private static final int MAX_OPEN_WATCHES = 1024;

  private final HttpUrl baseUrl;
  private final OkHttpClient http;
  private final OkHttpClient watchHttp;
  private final ExecutorService callThreads;
  private final ExecutorService watchThreads;
  private final ApiWire wire;
  private final ErrorDecoder errors;
  private final InterruptWatch interrupts;
  private final @Nullable Hedging hedging;

  /**
   * Creates the transport of one client.
   *
   * @param settings where etcd is and how to reach it
   * @param settingsNote which {@code middleware.conf} files were read and what was ignored, for a
   *     connection error to add; {@code null} when there is nothing to say
   * @param wire what the client's API brings: its protocol, credentials, member list and errors
   */
  public Transport(EtcdSettings settings, @Nullable String settingsNote, ApiWire wire) {
    this.wire = wire;
    Failover failover = new Failover(settings, wire.memberList());
    baseUrl = failover.baseUrl();
    ConnectionPool pool = new ConnectionPool(settings.perHostPoolSize(), 5, TimeUnit.MINUTES);
    callThreads = threads("link-etcd call");
    interrupts = new InterruptWatch(callThreads);
    watchThreads = threads("link-etcd watch");
    Dispatcher dispatcher = new Dispatcher(callThreads);
    dispatcher.setMaxRequestsPerHost(settings.perHostPoolSize());
    dispatcher.setMaxRequests(Math.max(64, settings.perHostPoolSize()));
    OkHttpClient.Builder builder =
        new OkHttpClient.Builder()
            .dispatcher(dispatcher)
            .connectionPool(pool)
            .readTimeout(settings.readTimeout())
            .followRedirects(false)
            .followSslRedirects(false)
            .retryOnConnectionFailure(false);
    if (!settings.useProxies()) {
      builder.proxy(Proxy.NO_PROXY);
    }
    hedging = failover.install(builder, pool, callThreads);
    builder.addNetworkInterceptor(new StaleConnectionCheck());
    if (settings.protocol().equals("https") || settings.srvDomain() != null) {
      // SRV records may name https endpoints (_etcd-client-ssl) whatever protocol says.
      TlsSetup.apply(builder, settings);
    } else {
      // Plain http only: OkHttp then builds no TLS context, whose trust store costs a fresh JVM
      // ~375 classes.
      builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
    }
    wire.configure(builder);
    Interceptor credentials = wire.credentials();
    if (credentials != null) {
      builder.addInterceptor(credentials);
    }
    if (settings.allowRedirect()) {
      // Inside the auth interceptor, so that a redirect to another origin goes without the
      // credentials.
      builder.addInterceptor(new RedirectInterceptor());
    }
    http = builder.build();
    if (hedging != null) {
      hedging.sendWith(http);
    }
    Dispatcher watchDispatcher = new Dispatcher(watchThreads);
    watchDispatcher.setMaxRequests(MAX_OPEN_WATCHES);
    watchDispatcher.setMaxRequestsPerHost(MAX_OPEN_WATCHES);
    watchHttp = http.newBuilder().dispatcher(watchDispatcher).readTimeout(Duration.ZERO).build();
    errors =
        new ErrorDecoder(
            failover.describe(),
            settings.allowRedirect(),
            new ServerVersion(http, new Moshi.Builder().build()),
            settingsNote);
  }

  private static ExecutorService threads(String name) {
    return new ThreadPoolExecutor(
        0,
        Integer.MAX_VALUE,
        60,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        runnable -> {
          Thread thread = new Thread(runnable, name);
          thread.setDaemon(true);
          return thread;
        });
  }

  /**
   * The base URL of the API, such as {@code http://127.0.0.1:2379/v2/}: its path matters, each
   * attempt's host is chosen by failover.
   */
  public HttpUrl baseUrl() {
    return baseUrl;
  }

  /** {@return the client of ordinary calls} */
  public OkHttpClient http() {
    return http;
  }

  /**
   * Runs {@code task} on one of the call threads.
   *
   * @throws java.util.concurrent.RejectedExecutionException when the client is closed
   */
  public void runOnCallThread(Runnable task) {
    callThreads.execute(task);
  }

  /** Runs a long-lived loop, such as a v3 watch stream, on a watch thread. */
  public void runOnWatchThread(Runnable loop) {
    watchThreads.execute(loop);
  }

  /**
   * The client of long-lived calls: its own dispatcher, so they never hold back ordinary calls, and
   * no read timeout (a caller that wants one sets it on a {@link OkHttpClient#newBuilder()} of this
   * client).
   */
  public OkHttpClient watchHttp() {
    return watchHttp;
  }

  /** {@return the exception of a failure of a stream opened on {@link #watchHttp()}} */
  public EtcdException streamFailure(Request request, IOException e) {
    return failure(request, e);
  }

  /**
   * Sends {@code request} on the calling thread, as {@link #execute} sends a call, and reads its
   * answer, whatever its status, with {@code reader}; a failure the reader raises becomes the
   * exception of the {@link ApiWire} (such as a gRPC status), every other failure the exception
   * {@link #execute} would raise.
   */
  public <R> R executeResponse(Request request, ResponseReader<R> reader) {
    checkNotInterrupted(request);
    okhttp3.Call call = http.newCall(request);
    Runnable cancel = call::cancel;
    interrupts.started(cancel);
    try (okhttp3.Response response = call.execute()) {
      return reader.read(response);
    } catch (IOException e) {
      throw failureOrInterrupt(request, e);
    } catch (EtcdException e) {
      throw e;
    } catch (RuntimeException e) {
      throw ErrorDecoder.badAnswer(request, e);
    } finally {
      interrupts.finished(cancel);
    }
  }

  /** Like {@link #executeResponse}, on the dispatcher; cancelling the future cancels the call. */
  public <R> CompletableFuture<R> enqueueResponse(Request request, ResponseReader<R> reader) {
    okhttp3.Call call = http.newCall(request);
    CompletableFuture<R> future =
        new CompletableFuture<>() {
          @Override
          public boolean cancel(boolean mayInterruptIfRunning) {
            call.cancel();
            return super.cancel(mayInterruptIfRunning);
          }
        };
    call.enqueue(
        new okhttp3.Callback() {
          @Override
          public void onResponse(okhttp3.Call call, okhttp3.Response response) {
            try (response) {
              future.complete(reader.read(response));
            } catch (IOException e) {
              future.completeExceptionally(failure(request, e));
            } catch (RuntimeException e) {
              future.completeExceptionally(
                  e instanceof EtcdException ? e : ErrorDecoder.badAnswer(request, e));
            }
          }

          @Override
          public void onFailure(okhttp3.Call call, IOException e) {
            future.completeExceptionally(failure(request, e));
          }
        });
    return future;
  }

  /**
   * Maps only successful answers with {@code onSuccess}; every other answer becomes its exception.
   */
  public <T, R> Mapper<T, R> onSuccess(Function<Response<T>, R> onSuccess) {
    return response -> {
      if (!response.isSuccessful()) {
        throw httpError(response);
      }
      return onSuccess.apply(response);
    };
  }

  public <T, R> Exchange<R> exchange(Call<T> call, Mapper<T, R> mapper) {
    return new Exchange<>() {
      @Override
      public R execute() {
        return Transport.this.execute(call, mapper);
      }

      @Override
      public CompletableFuture<R> enqueue() {
        return Transport.this.enqueue(call, mapper);
      }
    };
  }

  /** {@return the exception of {@code response}, an answer that is not successful} */
  public EtcdException httpError(Response<?> response) {
    return wire.httpError(response, errors);
  }

  /**
   * Runs {@code call} on the calling thread. An interrupt of that thread cancels the call within
   * {@link InterruptWatch#CHECK_MILLIS} ms; the interrupt flag stays set and the call fails with
   * {@link EtcdError#CANCELLED}.
   */
  public <T, R> R execute(Call<T> call, Mapper<T, R> mapper) {
    checkTargetLength(call);
    checkNotInterrupted(call.request());
    Response<T> response;
    Runnable cancel = call::cancel;
    interrupts.started(cancel);
    try {
      response = call.execute();
    } catch (IOException | JsonDataException e) {
      throw failureOrInterrupt(call.request(), e);
    } finally {
      interrupts.finished(cancel);
    }
    return map(call, response, mapper);
  }

  /**
   * Sends {@code request} on the calling thread, as {@link #execute} sends a call, and reads a
   * successful answer with {@code reader}; any other answer, a bad answer and every failure become
   * the exception {@link #execute} would raise (an interrupt of the thread cancels the request
   * likewise).
   */
  public <R> R executeRead(Request request, AnswerReader<R> reader) {
    checkTargetLength(request);
    checkNotInterrupted(request);
    okhttp3.Call call = http.newCall(request);
    Runnable cancel = call::cancel;
    interrupts.started(cancel);
    try {
      okhttp3.Response response;
      try {
        response = call.execute();
      } catch (IOException e) {
        throw failureOrInterrupt(request, e);
      }
      try (response) {
        if (!response.isSuccessful()) {
          throw httpError(Response.error(response.body(), response));
        }
        return reader.read(response.body().source(), response.headers());
      } catch (IOException | JsonDataException e) {
        throw failureOrInterrupt(request, e);
      } catch (EtcdException e) {
        throw e;
      } catch (RuntimeException e) {
        throw ErrorDecoder.badAnswer(request, e);
      }
    } finally {
      interrupts.finished(cancel);
    }
  }

  /**
   * Sends {@code request} on the calling thread, as {@link #execute} sends a call, and closes a
   * successful answer unread; any other answer, and every failure, becomes the exception {@link
   * #execute} would raise (an interrupt of the thread cancels the request likewise).
   */
  public void executeUnread(Request request) {
    executeRead(request, (body, headers) -> Boolean.TRUE); // the answer is closed unread
  }

  /** An interrupted thread starts no call: it fails at once, before any I/O. */
  private void checkNotInterrupted(Request request) {
    if (Thread.currentThread().isInterrupted()) {
      throw errors.transportError(
          request, new InterruptedIOException("interrupted before the call"));
    }
  }

  /**
   * Maps a failure of a blocking call, which is the interrupt's when its thread was interrupted.
   */
  private EtcdException failureOrInterrupt(Request request, Exception e) {
    if (Thread.currentThread().isInterrupted() && !(e instanceof InterruptedIOException)) {
      InterruptedIOException interrupted = new InterruptedIOException("interrupted");
      interrupted.initCause(e);
      return errors.transportError(request, interrupted);
    }
    return failure(request, e);
  }

  /**
   * Runs {@code call} on the calling thread and reads a successful body with {@code reader} as it
   * streams in; every other answer, and every failure, is mapped as by {@link #execute}.
   */
  public <R> R executeStreaming(Call<ResponseBody> call, AnswerReader<R> reader) {
    checkTargetLength(call);
    checkNotInterrupted(call.request());
    Runnable cancel = call::cancel;
    interrupts.started(cancel);
    try {
      Response<ResponseBody> response;
      try {
        response = call.execute();
      } catch (IOException e) {
        throw failureOrInterrupt(call.request(), e);
      }
      if (!response.isSuccessful()) {
        throw httpError(response);
      }
      ResponseBody body = response.body();
      if (body == null) {
        throw ErrorDecoder.badAnswer(call.request(), new IllegalStateException("empty body"));
      }
      try (body) {
        return reader.read(body.source(), response.headers());
      } catch (IOException | JsonDataException e) {
        throw failureOrInterrupt(call.request(), e);
      } catch (EtcdException e) {
        throw e;
      } catch (RuntimeException e) {
        throw ErrorDecoder.badAnswer(call.request(), e);
      }
    } finally {
      interrupts.finished(cancel);
    }
  }

  /** Runs {@code call} on the dispatcher; cancelling the future cancels the call. */
  public <T, R> CompletableFuture<R> enqueue(Call<T> call, Mapper<T, R> mapper) {
    checkTargetLength(call);
    CompletableFuture<R> future =
        new CompletableFuture<>() {
          @Override
          public boolean cancel(boolean mayInterruptIfRunning) {
            call.cancel();
            return super.cancel(mayInterruptIfRunning);
          }
        };
    call.enqueue(
        new Callback<T>() {
          @Override
          public void onResponse(Call<T> call, Response<T> response) {
            try {
              future.complete(map(call, response, mapper));
            } catch (RuntimeException e) {
              future.completeExceptionally(e);
            }
          }

          @Override
          public void onFailure(Call<T> call, Throwable failure) {
            if (failure instanceof IOException || failure instanceof JsonDataException) {
              future.completeExceptionally(failure(call, (Exception) failure));
            } else {
              future.completeExceptionally(failure);
            }
          }
        });
    return future;
  }

  /**
   * Maps a failure of {@code call}: JSON that does not parse, or ends early, is a bad answer; any
   * other {@link IOException} is a transport failure.
   */
  private EtcdException failure(Call<?> call, Exception e) {
    return failure(call.request(), e);
  }

  /** Like {@link #failure(Call, Exception)}, for any request. */
  private EtcdException failure(Request request, Exception e) {
    if (e instanceof PermanentFailureException refused) {
      return refused.toEtcdException();
    }
    EtcdException wired = wire.failure(request, e, errors);
    if (wired != null) {
      return wired;
    }
    if (e instanceof JsonDataException
        || e instanceof JsonEncodingException
        || e instanceof EOFException) {
      return ErrorDecoder.badAnswer(request, e);
    }
    return errors.transportError(request, (IOException) e);
  }

  /**
   * etcd 3.4 resets the connection rather than answer a longer request target, so it is refused
   * here.
   */
  private static void checkTargetLength(Call<?> call) {
    checkTargetLength(call.request());
  }

  static void checkTargetLength(Request request) {
    HttpUrl url = request.url();
    String query = url.encodedQuery();
    int length = url.encodedPath().length() + (query == null ? 0 : query.length() + 1);
    if (length > Keys.MAX_REQUEST_TARGET) {
      throw new IllegalArgumentException(
          "The request target of "
              + request.method()
              + " "
              + url.encodedPath()
              + " would be "
              + length
              + " bytes, over the "
              + Keys.MAX_REQUEST_TARGET
              + " etcd accepts; shorten the key or the prevValue");
    }
  }

  private <T, R> R map(Call<T> call, Response<T> response, Mapper<T, R> mapper) {
    try {
      return mapper.map(response);
    } catch (EtcdException e) {
      throw e;
    } catch (RuntimeException e) {
      throw ErrorDecoder.badAnswer(call.request(), e);
    }
  }

  @Override
  public void close() {
    interrupts.cancelAll();
    if (hedging != null) {
      hedging.close();
    }
    http.dispatcher().cancelAll();
    watchHttp.dispatcher().cancelAll();
    callThreads.shutdown();
    watchThreads.shutdown();
    http.connectionPool().evictAll();
  }
}
