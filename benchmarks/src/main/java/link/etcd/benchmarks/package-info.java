/**
 * A side-by-side benchmark of link-etcd, etcd4j, plain OkHttp and python-etcd against a real etcd
 * that it starts itself. Run it with {@code bin/benchmark}; see {@code docs/benchmarks.md}.
 */
@NullMarked
package link.etcd.benchmarks;

import org.jspecify.annotations.NullMarked;
