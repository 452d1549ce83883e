/** The test application. */
@NullMarked
package link.etcd.spring.shop;

import org.jspecify.annotations.NullMarked;
