/**
 * A fluent builder of etcd trees, written through {@link link.etcd.middleware.EtcdMiddleware}'s
 * validated tree writer in replace or merge mode, with optional TTLs on keys and directories.
 *
 * <pre>{@code
 * EtcdTree.replace(client, "/collection", root -> root
 *     .dir("subcollection", sub -> sub
 *         .item("item1")
 *         .item("item2"))
 *     .put("answer", 42));
 * }</pre>
 */
@NullMarked
package link.etcd.dsl;

import org.jspecify.annotations.NullMarked;
