package link.etcd.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Chooses the member {@link EtcdExtension} injects into an {@link EtcdProcess} parameter: which
 * binary, and whether it serves the v2 API. Members are shared by the whole test run, one per
 * choice.
 *
 * <pre>
 * &#64;Test
 * void readsOnEtcd35(&#64;Etcd(binary = EtcdBinary.V3_5, v2 = false) EtcdProcess etcd) { ... }
 * </pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Etcd {
  /** {@return the binary the member runs} */
  EtcdBinary binary() default EtcdBinary.DEFAULT;

  /**
   * {@return whether the member is started with {@code --enable-v2=true}; false gives a v3-only
   * member}
   */
  boolean v2() default true;

  /**
   * {@return whether the member serves the JSON gateway ({@code POST /v3/...}) beside gRPC; false
   * starts it with {@code --enable-grpc-gateway=false}, as operators may}
   */
  boolean grpcGateway() default true;
}
