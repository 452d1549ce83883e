package link.etcd.dsl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.middleware.Expiring;
import org.jspecify.annotations.Nullable;

/**
 * A tree built with a {@link DirBuilder}, and the entry points that build one and write it with the
 * middleware's validated tree writer, in one of two explicit modes:
 *
 * <ul>
 *   <li>{@link #replace}: afterwards the subtree at the path is exactly what was built, as with
 *       {@link EtcdMiddleware#set}; what it no longer has is deleted after the new leaves are
 *       written;
 *   <li>{@link #merge}: only what was built is written, as with {@link EtcdMiddleware#merge};
 *       everything else stays.
 * </ul>
 *
 * <pre>{@code
 * EtcdTree.replace(client, "/collection", root -> root
 *     .dir("subcollection", sub -> sub
 *         .item("item1")
 *         .item("item2"))
 *     .put("answer", 42));
 * EtcdTree.merge(client, "/collection", root -> root
 *     .put("session", "abc", Duration.ofMinutes(5)));     // a key etcd deletes after 5 minutes
 * Object plain = EtcdTree.build(root -> root.put("answer", 42)).toTree();   // {answer=42}, no I/O
 * }</pre>
 *
 * <p>The whole tree is validated before the first request, and errors name the etcd path; a request
 * failing part way throws {@link link.etcd.middleware.EtcdPartialWriteException}, as {@code set}
 * does. Instances are immutable.
 */
public final class EtcdTree {
  private final Object value;

  private EtcdTree(Object value) {
    this.value = value;
  }

  /**
   * Builds a tree with {@code body}, without any I/O.
   *
   * @param body builds the tree's root directory
   * @return the tree built
   */
  public static EtcdTree build(Consumer<DirBuilder> body) {
    return new EtcdTree(DirBuilder.build("", body));
  }

  /**
   * Builds a tree with {@code body} and makes {@code path} hold exactly that tree, like {@link
   * EtcdMiddleware#set}.
   *
   * @param client the middleware to write with
   * @param path the directory to replace
   * @param body builds the tree's root directory
   */
  public static void replace(EtcdMiddleware client, String path, Consumer<DirBuilder> body) {
    client.set(path, build(body).value);
  }

  /**
   * Builds a tree with {@code body} and writes only what it holds under {@code path}, like {@link
   * EtcdMiddleware#merge}: what is stored there and not built stays.
   *
   * @param client the middleware to write with
   * @param path the directory to merge into
   * @param body builds the tree's root directory
   */
  public static void merge(EtcdMiddleware client, String path, Consumer<DirBuilder> body) {
    client.merge(path, build(body).value);
  }

  /**
   * {@return the value to give {@link EtcdMiddleware#set} or {@link EtcdMiddleware#merge}: the tree
   * as maps and lists, with each part built with a TTL wrapped in an {@link Expiring}}
   */
  public Object toValue() {
    return value;
  }

  /**
   * {@return the tree as plain maps and lists, TTLs left out, the way {@link EtcdMiddleware#get}
   * reads it back but for the leaves, which stay as given: a directory is an unmodifiable {@code
   * Map} in the order it was built, or a {@code List} when it holds only items; values given to
   * {@code put} and {@code item} stay as they were given}
   */
  public Object toTree() {
    return plain(value);
  }

  private static @Nullable Object plain(@Nullable Object value) {
    Object inner = value instanceof Expiring expiring ? expiring.value() : value;
    if (inner instanceof Map<?, ?> map) {
      Map<Object, @Nullable Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        copy.put(entry.getKey(), plain(entry.getValue()));
      }
      return Collections.unmodifiableMap(copy);
    }
    if (inner instanceof List<?> list) {
      List<@Nullable Object> copy = new ArrayList<>(list.size());
      for (Object element : list) {
        copy.add(plain(element));
      }
      return Collections.unmodifiableList(copy);
    }
    return inner;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof EtcdTree tree && value.equals(tree.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "EtcdTree" + value;
  }
}
