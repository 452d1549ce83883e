package link.etcd.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts one {@link EtcdProcess} for the whole test run and injects it into
 * test constructors, test methods and lifecycle methods that declare an {@code EtcdProcess}
 * parameter.
 *
 * <p>The server starts before the first test class that uses the extension and stops when the run
 * ends. A parameter annotated with {@link Etcd} gets a member of that binary and APIs instead, also
 * shared by the run.
 *
 * <pre>
 * &#64;ExtendWith(EtcdExtension.class)
 * class FooTest {
 *   &#64;Test
 *   void x(EtcdProcess etcd) {
 *     // talk to etcd.clientUrl()
 *   }
 * }
 * </pre>
 */
public final class EtcdExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(EtcdExtension.class);

  /** Creates the extension; JUnit does this for {@code @ExtendWith(EtcdExtension.class)}. */
  public EtcdExtension() {}

  /**
   * Starts the shared etcd server unless it is already running, so a missing etcd fails the test
   * class up front.
   *
   * @param context the context of the test class about to run
   */
  @Override
  public void beforeAll(ExtensionContext context) {
    sharedEtcd(context);
  }

  /**
   * Tells JUnit that this extension supplies parameters of type {@link EtcdProcess}.
   *
   * @param parameterContext the parameter to resolve
   * @param extensionContext the current extension context
   * @return whether the parameter's type is {@code EtcdProcess}
   */
  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == EtcdProcess.class;
  }

  /**
   * Returns the shared etcd server, starting it if no earlier callback did.
   *
   * @param parameterContext the parameter to resolve
   * @param extensionContext the current extension context
   * @return the shared {@link EtcdProcess}
   */
  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    Etcd choice = parameterContext.findAnnotation(Etcd.class).orElse(null);
    if (choice == null) {
      return sharedEtcd(extensionContext);
    }
    return extensionContext
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            choice.binary()
                + (choice.v2() ? "+v2" : "-v2")
                + (choice.grpcGateway() ? "" : "-gateway"),
            key -> {
              EtcdProcess.Builder builder =
                  EtcdProcess.builder().binary(choice.binary()).v2(choice.v2());
              if (!choice.grpcGateway()) {
                builder.flags("--enable-grpc-gateway=false");
              }
              return builder.start();
            },
            EtcdProcess.class);
  }

  private static EtcdProcess sharedEtcd(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(EtcdProcess.class, key -> EtcdProcess.start(), EtcdProcess.class);
  }
}
