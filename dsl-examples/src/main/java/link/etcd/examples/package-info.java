/**
 * Runnable examples of link-etcd. Each example has a {@code main} that connects as configured by
 * {@code middleware.conf}, and a {@code run} method that the tests and {@link
 * link.etcd.examples.RunExamples} call against an etcd they start.
 */
@NullMarked
package link.etcd.examples;

import org.jspecify.annotations.NullMarked;
