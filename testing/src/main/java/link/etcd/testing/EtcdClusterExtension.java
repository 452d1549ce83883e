package link.etcd.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts one {@link EtcdCluster} (three real etcd members) for each test
 * class and injects it into test constructors, test methods and lifecycle methods that declare an
 * {@code EtcdCluster} parameter.
 *
 * <p>Each test class gets its own cluster, since fault tests kill and pause its members; it stops,
 * with every member it started, when the class is done.
 *
 * <pre>
 * &#64;ExtendWith(EtcdClusterExtension.class)
 * class FailoverTest {
 *   &#64;Test
 *   void x(EtcdCluster cluster) {
 *     cluster.kill(cluster.leader());
 *   }
 * }
 * </pre>
 */
public final class EtcdClusterExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(EtcdClusterExtension.class);

  /** Creates the extension; JUnit does this for {@code @ExtendWith(EtcdClusterExtension.class)}. */
  public EtcdClusterExtension() {}

  /**
   * Starts the test class's cluster, so a missing etcd fails the class up front.
   *
   * @param context the context of the test class about to run
   */
  @Override
  public void beforeAll(ExtensionContext context) {
    cluster(context);
  }

  /**
   * Tells JUnit that this extension supplies parameters of type {@link EtcdCluster}.
   *
   * @param parameterContext the parameter to resolve
   * @param extensionContext the current extension context
   * @return whether the parameter's type is {@code EtcdCluster}
   */
  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == EtcdCluster.class;
  }

  /**
   * Returns the test class's cluster.
   *
   * @param parameterContext the parameter to resolve
   * @param extensionContext the current extension context
   * @return the {@link EtcdCluster} of the test class
   */
  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return cluster(extensionContext);
  }

  private static EtcdCluster cluster(ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
      classContext = classContext.getParent().get();
    }
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(EtcdCluster.class, key -> EtcdCluster.start(), EtcdCluster.class);
  }
}
