/**
 * The {@code link-etcd} command: configuration as files for etcd, on picocli, over {@link
 * link.etcd.middleware.TreeSync}.
 *
 * <pre>{@code
 * java -jar link-etcd-cli.jar --endpoints http://127.0.0.1:2379 --api v3 apply -f app.yaml /app
 * }</pre>
 */
@NullMarked
package link.etcd.cli;

import org.jspecify.annotations.NullMarked;
