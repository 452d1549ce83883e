/**
 * link-etcd's runtime: etcd as a typed, nested map and a configuration store. Exports the API
 * packages, and {@code link.etcd.internal}, which the generated schema accessors call (not for
 * users); the engine packages ({@code link.etcd.internal.http}, {@code .v2}, {@code .v3}) stay
 * inside, opened to Moshi only where it reads etcd's JSON into the engine's classes.
 */
module link.etcd {
  // In the public signatures: EtcdMiddleware takes a Moshi, the annotations are JSpecify's, and
  // @EtcdDsl is Kotlin's @DslMarker.
  requires transitive com.squareup.moshi;
  requires transitive org.jspecify;
  requires transitive kotlin.stdlib;
  requires okhttp3;
  requires okhttp3.tls;
  requires okio;
  requires retrofit2;
  requires retrofit2.converter.moshi;
  // Wire's runtime names no module: this is the name the JDK derives from wire-runtime-jvm-<v>.jar.
  requires wire.runtime.jvm;
  requires java.naming;

  exports link.etcd;
  exports link.etcd.conf;
  exports link.etcd.driver;
  exports link.etcd.dsl;
  exports link.etcd.middleware;
  exports link.etcd.schema;
  exports link.etcd.internal;

  opens link.etcd.internal.http to
      com.squareup.moshi;
  opens link.etcd.internal.v2 to
      com.squareup.moshi;
}
