package link.etcd.dsl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import link.etcd.WriteOptions;
import link.etcd.internal.Keys;
import link.etcd.middleware.Expiring;
import org.jspecify.annotations.Nullable;

/**
 * Builds one directory of an {@link EtcdTree}: named values with {@link #put}, subdirectories with
 * {@link #dir}, list items {@code 1}, {@code 2}, ... with {@link #item} and {@link #itemDir}, and
 * an optional {@link #ttl}. Every method returns this builder, so calls chain in Java; in Kotlin
 * they are statements of a receiver block.
 *
 * <pre>{@code
 * EtcdTree.replace(client, "/collection", root -> root
 *     .dir("subcollection", sub -> sub
 *         .item("item1")
 *         .item("item2"))
 *     .put("answer", 42));
 * }</pre>
 *
 * <p>A builder is used only inside the block it is given to; names are checked as they are added
 * (one value per name, valid key segments), and the whole tree is checked again, with its etcd
 * paths, before anything is written.
 */
@EtcdDsl
public final class DirBuilder {
  private final String where;
  private final Map<String, Object> entries = new LinkedHashMap<>();
  private int items;
  private boolean onlyItems = true;
  private @Nullable Duration ttl;
  private boolean finished;

  private DirBuilder(String where) {
    this.where = where;
  }

  /**
   * Runs {@code body} on a new builder for the directory {@code where} names, and returns what it
   * built.
   */
  static Object build(String where, Consumer<DirBuilder> body) {
    DirBuilder builder = new DirBuilder(where);
    body.accept(builder);
    builder.finished = true;
    return builder.value();
  }

  /**
   * Adds {@code name} holding {@code value}: a scalar ({@code CharSequence}, {@code Number}, {@code
   * Boolean}, {@code Character}, {@code Enum}) becomes a key; a {@code Map}, {@code List}, array,
   * record or other object that {@link link.etcd.middleware.EtcdMiddleware#set} accepts becomes a
   * subtree.
   *
   * @throws IllegalArgumentException when {@code name} is already built in this directory, is not a
   *     single key
   * @param name the entry's name: one key segment
   * @param value the entry's value: a scalar or a subtree
   * @return this builder
   * @throws IllegalArgumentException when {@code name} is already built in this directory, is not a
   *     single key segment, or {@code value} is {@code null}
   */
  public DirBuilder put(String name, Object value) {
    return add(name, checked(name, value), false);
  }

  /**
   * Adds {@code name} holding {@code value}, like {@link #put(String, Object)}, deleted by etcd
   * after {@code ttl}.
   *
   * @param name the entry's name: one key segment
   * @param value the entry's value: a scalar or a subtree
   * @param ttl the entry's time to live, a positive number of whole seconds
   * @return this builder
   * @throws IllegalArgumentException as {@link #put(String, Object)} does, or when {@code ttl} is
   *     invalid
   */
  public DirBuilder put(String name, Object value, Duration ttl) {
    return add(name, new Expiring(checked(name, value), ttl), false);
  }

  /**
   * Adds the subdirectory {@code name}, built by {@code body}.
   *
   * @param name the entry's name: one key segment
   * @param body builds the subdirectory
   * @return this builder
   * @throws IllegalArgumentException when {@code name} is already built in this directory or not a
   *     single key segment
   */
  public DirBuilder dir(String name, Consumer<DirBuilder> body) {
    checkOpen();
    checkName(name);
    return add(name, build(path(name), body), false);
  }

  /**
   * Adds {@code value} as the next list item: the first item is named {@code 1}, the next {@code
   * 2}, ....
   *
   * @param value the item: a scalar or a subtree
   * @return this builder
   * @throws IllegalArgumentException when {@code value} is {@code null}
   */
  public DirBuilder item(Object value) {
    String name = Integer.toString(items + 1);
    add(name, checked(name, value), true);
    items++;
    return this;
  }

  /**
   * Adds a directory built by {@code body} as the next list item, like {@link #item}.
   *
   * @param body builds the item's directory
   * @return this builder
   */
  public DirBuilder itemDir(Consumer<DirBuilder> body) {
    checkOpen();
    String name = Integer.toString(items + 1);
    add(name, build(path(name), body), true);
    items++;
    return this;
  }

  /**
   * Makes etcd delete this directory, with everything under it, after {@code ttl} (a positive
   * number of whole seconds); the directory is created with its TTL before its children are
   * written.
   *
   * @param ttl the directory's time to live
   * @return this builder
   * @throws IllegalArgumentException when {@code ttl} is not a positive number of whole seconds
   */
  public DirBuilder ttl(Duration ttl) {
    checkOpen();
    WriteOptions.defaults().withTtl(Objects.requireNonNull(ttl, "ttl == null"));
    this.ttl = ttl;
    return this;
  }

  private Object checked(String name, @Nullable Object value) {
    checkOpen();
    checkName(name);
    if (value == null) {
      throw new IllegalArgumentException(
          "null value for "
              + path(name)
              + "; etcd holds strings: leave the entry out, or write \"\"");
    }
    return value;
  }

  private DirBuilder add(String name, Object value, boolean item) {
    if (entries.containsKey(name)) {
      throw new IllegalArgumentException(
          path(name)
              + " is built twice; give each name of a directory one value"
              + " (items take the names 1, 2, ... in order)");
    }
    entries.put(name, value);
    onlyItems &= item;
    return this;
  }

  private void checkName(String name) {
    Keys.checkSegment(Objects.requireNonNull(name, "name == null"), path(name));
  }

  private void checkOpen() {
    if (finished) {
      throw new IllegalStateException(
          "The builder of "
              + (where.isEmpty() ? "the tree's root" : where)
              + " is finished; call it only inside its block");
    }
  }

  private String path(String name) {
    return where.isEmpty() ? name : where + "/" + name;
  }

  private Object value() {
    Object tree =
        onlyItems && !entries.isEmpty()
            ? Collections.unmodifiableList(new ArrayList<>(entries.values()))
            : Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    return ttl == null ? tree : new Expiring(tree, ttl);
  }
}
