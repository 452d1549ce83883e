package link.etcd.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import kotlin.DslMarker;

/**
 * Marks the tree builders, so that in nested Kotlin receiver blocks only the innermost builder's
 * methods are called without a receiver: inside {@code dir("a") { ... }}, {@code put} means the
 * inner directory's {@code put}, never the outer one's by accident. Java ignores it.
 */
@DslMarker
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EtcdDsl {}
