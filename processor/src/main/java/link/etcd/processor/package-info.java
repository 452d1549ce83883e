/**
 * The annotation processor that turns {@code @ConfigSchema} interfaces into typed accessor classes.
 * Users add this module as an annotation processor and never call it.
 *
 * <pre>{@code
 * <annotationProcessorPaths>
 *   <path>
 *     <groupId>link.etcd</groupId>
 *     <artifactId>link-etcd-processor</artifactId>
 *   </path>
 * </annotationProcessorPaths>
 * }</pre>
 */
@NullMarked
package link.etcd.processor;

import org.jspecify.annotations.NullMarked;
