package link.etcd.conf;

import java.lang.System.Logger.Level;

/**
 * Hears about the automatic reloads of a generated accessor's {@code autoReload()}: {@link
 * #reloaded()} after new values were loaded and checked, {@link #failed} when a reload failed and
 * the last good values were kept.
 *
 * <pre>{@code
 * conf.addReloadListener(() -> server.setPort(conf.port()));
 * }</pre>
 *
 * <p>Called on the driver's watch thread, one call at a time; an exception it throws is logged and
 * ignored.
 */
@FunctionalInterface
public interface ReloadListener {
  /** Called after a reload took new values: getters return them now. */
  void reloaded();

  /**
   * Called when a reload could not load the configuration, or found a value that does not convert
   * (or a required value missing), or when the watch behind automatic reloads ended (etcd refused
   * it for good, or was unreachable for the watch's retry timeout: the message says that reloading
   * stopped); getters go on returning the last good values. The default logs {@code error} at
   * {@code WARNING} on the {@code link.etcd.conf.ReloadListener} {@link System.Logger}.
   *
   * @param error why the reload failed
   */
  default void failed(RuntimeException error) {
    System.getLogger(ReloadListener.class.getName())
        .log(Level.WARNING, "A configuration reload failed; the last good values are kept", error);
  }
}
