package com.example;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import javax.annotation.processing.Generated;
import link.etcd.conf.ConfDriver;
import link.etcd.conf.ReloadListener;
import link.etcd.driver.EtcdConfDriver;
import link.etcd.internal.ConfValues;
import link.etcd.internal.SchemaStore;
import link.etcd.middleware.EtcdMiddleware;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes {@link MyConfigurable} at
 * {@code /myproject/myconfigurable.conf/<CATEGORY>/<param>}, over the values of earlier paths.
 *
 * <p>Getters read one snapshot of every path, loaded on first use and refreshed by {@link #reload()},
 * or kept current by {@link #autoReload()}; setters and {@link #edit()} write to the last path. Generated
 * from the schema; do not edit.
 */
@Generated("link.etcd.processor.SchemaProcessor")
public final class MyConfigurableAccessor implements MyConfigurable {
  /**
   * The configuration paths, later ones overriding earlier ones; writes go to the last one.
   */
  public static final List<String> PATHS = List.of("myproject/defaults.conf", "myproject/myconfigurable.conf");

  private static final SchemaStore.Param<String> MYPARAM = SchemaStore.Param.of("MYCONF", "myparam",
      ConfValues::parseString);

  private static final SchemaStore.Param<Integer> PORT = SchemaStore.Param.of("HTTP", "port",
      ConfValues::parseInt);

  private static final SchemaStore.Param<Duration> READ_TIMEOUT = SchemaStore.Param.of("HTTP", "read_timeout",
      ConfValues::parseDuration);

  private static final SchemaStore.Param<String> HOSTS = SchemaStore.Param.of("MYCONF", "hosts",
      ConfValues::parseString);

  private static final SchemaStore.Param<Boolean> ENABLED = SchemaStore.Param.of("MYCONF", "enabled",
      ConfValues::parseBoolean);

  private static final SchemaStore.Param<String> PASSWORD = SchemaStore.Param.secret("MYCONF", "password",
      ConfValues::parseString);

  private final SchemaStore store;

  /**
   * Creates an accessor that reads and writes through {@code driver}; it does no I/O until a value is read
   * or written.
   */
  public MyConfigurableAccessor(ConfDriver driver) {
    this.store = new SchemaStore(driver, PATHS);
  }

  /**
   * Reads {@code store}: {@link #autoReload()} checks new values through such an accessor.
   */
  private MyConfigurableAccessor(SchemaStore store) {
    this.store = store;
  }

  /**
   * Returns an accessor that keeps its values in etcd, through {@code middleware}.
   */
  public static MyConfigurableAccessor of(EtcdMiddleware middleware) {
    return new MyConfigurableAccessor(new EtcdConfDriver(middleware));
  }

  /**
   * Reads {@code /myproject/myconfigurable.conf/MYCONF/myparam},
   * else {@code /myproject/defaults.conf/MYCONF/myparam}.
   *
   * @return the stored value, or null when none is stored
   * @throws IllegalStateException when the stored value does not convert
   */
  @Override
  public @Nullable String getMyparam() {
    return store.get(MYPARAM);
  }

  /**
   * Writes {@code myparam} to {@code /myproject/myconfigurable.conf/MYCONF/myparam} now, in one driver call.
   * {@code null} removes the stored value.
   */
  public void setMyparam(@Nullable String myparam) {
    edit().myparam(myparam).apply();
  }

  /**
   * Reads {@code /myproject/myconfigurable.conf/HTTP/port},
   * else {@code /myproject/defaults.conf/HTTP/port}.
   *
   * @return the stored value, or {@code 8080} when none is stored
   * @throws IllegalStateException when the stored value does not convert
   */
  @Override
  public int port() {
    Integer value = store.get(PORT);
    return value != null ? value : 8080;
  }

  /**
   * Writes {@code port} to {@code /myproject/myconfigurable.conf/HTTP/port} now, in one driver call.
   */
  public void setPort(int port) {
    edit().port(port).apply();
  }

  /**
   * Reads {@code /myproject/myconfigurable.conf/HTTP/read_timeout},
   * else {@code /myproject/defaults.conf/HTTP/read_timeout}.
   *
   * @return the stored value, or the schema's default when none is stored
   * @throws IllegalStateException when the stored value does not convert
   */
  @Override
  public Duration readTimeout() {
    Duration value = store.get(READ_TIMEOUT);
    return value != null ? value : MyConfigurable.super.readTimeout();
  }

  /**
   * Writes {@code readTimeout} to {@code /myproject/myconfigurable.conf/HTTP/read_timeout} now, in one driver call.
   */
  public void setReadTimeout(Duration readTimeout) {
    edit().readTimeout(readTimeout).apply();
  }

  /**
   * Reads {@code /myproject/myconfigurable.conf/MYCONF/hosts},
   * else {@code /myproject/defaults.conf/MYCONF/hosts}.
   *
   * @return the stored items, or an empty list when none are stored
   * @throws IllegalStateException when the stored value does not convert
   */
  @Override
  public List<String> hosts() {
    List<String> value = store.list(HOSTS);
    return value != null ? value : List.of();
  }

  /**
   * Writes {@code hosts} to {@code /myproject/myconfigurable.conf/MYCONF/hosts} now, in one driver call.
   */
  public void setHosts(List<String> hosts) {
    edit().hosts(hosts).apply();
  }

  /**
   * Reads {@code /myproject/myconfigurable.conf/MYCONF/enabled},
   * else {@code /myproject/defaults.conf/MYCONF/enabled}.
   *
   * @return the stored value
   * @throws IllegalStateException when no value is stored, or it does not convert
   */
  @Override
  public boolean isEnabled() {
    return store.require(ENABLED, "MyConfigurable.isEnabled()");
  }

  /**
   * Writes {@code enabled} to {@code /myproject/myconfigurable.conf/MYCONF/enabled} now, in one driver call.
   */
  public void setEnabled(boolean enabled) {
    edit().enabled(enabled).apply();
  }

  /**
   * Reads {@code /myproject/myconfigurable.conf/MYCONF/password},
   * else {@code /myproject/defaults.conf/MYCONF/password}.
   *
   * <p>Secret: {@code toString()} never shows it.
   *
   * @return the stored value, or null when none is stored
   * @throws IllegalStateException when the stored value does not convert
   */
  @Override
  public @Nullable String password() {
    return store.get(PASSWORD);
  }

  /**
   * Writes {@code password} to {@code /myproject/myconfigurable.conf/MYCONF/password} now, in one driver call.
   * {@code null} removes the stored value.
   */
  public void setPassword(@Nullable String password) {
    edit().password(password).apply();
  }

  /**
   * Drops the values read so far and loads them again from every path now.
   */
  public void reload() {
    store.reload();
  }

  /**
   * Keeps the values current: watches every path through the driver and reloads after each change.
   * New values are taken only when all of them load and convert; otherwise getters keep the last good
   * values. Reload listeners hear about both. Loads the values once now.
   *
   * @return the subscription; close it to stop reloading
   * @throws UnsupportedOperationException when the driver cannot watch, as {@code IniConfDriver}
   */
  public ConfDriver.Subscription autoReload() {
    return store.autoReload(candidate -> new MyConfigurableAccessor(candidate).snapshot());
  }

  /**
   * Adds {@code listener}, told after each reload that {@link #autoReload()} makes or refuses.
   */
  public void addReloadListener(ReloadListener listener) {
    store.addListener(listener);
  }

  /**
   * Removes {@code listener}; does nothing when it was not added.
   */
  public void removeReloadListener(ReloadListener listener) {
    store.removeListener(listener);
  }

  /**
   * Returns a batch writer: {@code edit().a(x).b(y).apply()} saves both values in one driver call.
   */
  public Editor edit() {
    return new Editor(store.edit());
  }

  /**
   * Returns an immutable copy of every value, read now.
   *
   * @throws IllegalStateException when a value without default is not stored, or a value does not convert
   */
  public Snapshot snapshot() {
    return new Snapshot(getMyparam(), port(), readTimeout(), hosts(), isEnabled(), password());
  }

  /**
   * Returns what the getters return, as text, with {@code ****} for secrets; where a getter throws,
   * its reason in angle brackets.
   */
  @Override
  public String toString() {
    return "MyConfigurableAccessor{myparam=" + SchemaStore.show(this::getMyparam) + ", port="
        + SchemaStore.show(this::port) + ", readTimeout=" + SchemaStore.show(this::readTimeout)
        + ", hosts=" + SchemaStore.show(this::hosts) + ", enabled="
        + SchemaStore.show(this::isEnabled) + ", password=****}";
  }

  /**
   * A batch of writes to {@code /myproject/myconfigurable.conf}, saved in one driver call by {@link #apply()}.
   */
  public static final class Editor {
    private final SchemaStore.Batch batch;

    private Editor(SchemaStore.Batch batch) {
      this.batch = batch;
    }

    /**
     * Sets {@code /myproject/myconfigurable.conf/MYCONF/myparam} when {@link #apply()} runs.
     * {@code null} removes the stored value.
     */
    public Editor myparam(@Nullable String myparam) {
      if (myparam == null) {
        batch.remove(MYPARAM);
      } else {
        batch.set(MYPARAM, myparam);
      }
      return this;
    }

    /**
     * Sets {@code /myproject/myconfigurable.conf/HTTP/port} when {@link #apply()} runs.
     */
    public Editor port(int port) {
      batch.set(PORT, String.valueOf(port));
      return this;
    }

    /**
     * Sets {@code /myproject/myconfigurable.conf/HTTP/read_timeout} when {@link #apply()} runs.
     */
    public Editor readTimeout(Duration readTimeout) {
      requireNonNull(readTimeout, "readTimeout == null");
      batch.set(READ_TIMEOUT, ConfValues.formatDuration(readTimeout));
      return this;
    }

    /**
     * Sets {@code /myproject/myconfigurable.conf/MYCONF/hosts} when {@link #apply()} runs.
     */
    public Editor hosts(List<String> hosts) {
      requireNonNull(hosts, "hosts == null");
      batch.setList(HOSTS, hosts);
      return this;
    }

    /**
     * Sets {@code /myproject/myconfigurable.conf/MYCONF/enabled} when {@link #apply()} runs.
     */
    public Editor enabled(boolean enabled) {
      batch.set(ENABLED, String.valueOf(enabled));
      return this;
    }

    /**
     * Sets {@code /myproject/myconfigurable.conf/MYCONF/password} when {@link #apply()} runs.
     * {@code null} removes the stored value.
     */
    public Editor password(@Nullable String password) {
      if (password == null) {
        batch.remove(PASSWORD);
      } else {
        batch.set(PASSWORD, password);
      }
      return this;
    }

    /**
     * Saves every value set on this editor in one driver call; does nothing when none was set.
     */
    public void apply() {
      batch.apply();
    }
  }

  /**
   * An immutable copy of the values of {@link MyConfigurable}, taken by {@link #snapshot()}.
   */
  public record Snapshot(@Nullable String getMyparam, int port, Duration readTimeout,
      List<String> hosts, boolean isEnabled, @Nullable String password) implements MyConfigurable {
    public Snapshot {
      hosts = List.copyOf(hosts);
    }

    /**
     * Returns the values as text, with {@code ****} for secrets.
     */
    @Override
    public String toString() {
      return "MyConfigurable{myparam=" + getMyparam + ", port=" + port + ", readTimeout="
          + readTimeout + ", hosts=" + hosts + ", enabled=" + isEnabled + ", password=****}";
    }
  }
}
