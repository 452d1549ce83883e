/**
 * Implementation details: the key rules the runtime's packages share, the helpers that generated
 * schema accessors call, and the property names the configuration sources (Spring Boot,
 * MicroProfile) give a tree ({@link PropertyTree}). Not for users: nothing here is a stable API,
 * and it may change in any release.
 */
@NullMarked
package link.etcd.internal;

import org.jspecify.annotations.NullMarked;
