package link.etcd.spring;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import link.etcd.conf.ConfDriver;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.schema.ConfigSchema;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Makes every {@code @ConfigSchema} interface in the application's packages (those of its
 * {@code @SpringBootApplication}) a bean of that interface type: the accessor that {@code
 * link-etcd-processor} generated, reading etcd through the {@link EtcdMiddleware} bean and
 * following it ({@code autoReload()}) until the context closes. The bean is made when it is first
 * injected (reading etcd then), and named for the interface's full name; an application that
 * defines a bean of that name keeps its own.
 */
public final class ConfigSchemaBeans
    implements BeanDefinitionRegistryPostProcessor,
        BeanFactoryAware,
        EnvironmentAware,
        DisposableBean {
  private final List<ConfDriver.Subscription> subscriptions = new ArrayList<>();
  private BeanFactory beanFactory;
  private Environment environment;

  /** Creates the registrar; the auto-configuration does this. */
  public ConfigSchemaBeans() {}

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    this.beanFactory = beanFactory;
  }

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
    if (!AutoConfigurationPackages.has(beanFactory)) {
      return;
    }
    ClassLoader loader = ClassUtils.getDefaultClassLoader();
    for (String pkg : AutoConfigurationPackages.get(beanFactory)) {
      for (BeanDefinition found : scanner().findCandidateComponents(pkg)) {
        String name = found.getBeanClassName();
        if (!registry.containsBeanDefinition(name)) {
          registry.registerBeanDefinition(
              name, definition(ClassUtils.resolveClassName(name, loader)));
        }
      }
    }
  }

  private ClassPathScanningCandidateComponentProvider scanner() {
    ClassPathScanningCandidateComponentProvider scanner =
        new ClassPathScanningCandidateComponentProvider(false, environment) {
          @Override
          protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
            return definition.getMetadata().isInterface()
                && definition.getMetadata().isIndependent();
          }
        };
    scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigSchema.class));
    return scanner;
  }

  private <T> RootBeanDefinition definition(Class<T> schema) {
    Method of = accessorFactory(schema);
    RootBeanDefinition definition = new RootBeanDefinition(schema);
    // Made when first injected: an application started with optional:etcd: while etcd is down
    // fails only if it uses a schema.
    definition.setLazyInit(true);
    definition.setInstanceSupplier(() -> schema.cast(accessor(schema, of)));
    return definition;
  }

  private Object accessor(Class<?> schema, Method of) {
    EtcdMiddleware etcd = beanFactory.getBean(EtcdMiddleware.class);
    try {
      Object accessor = of.invoke(null, etcd);
      Object subscription = of.getReturnType().getMethod("autoReload").invoke(accessor);
      synchronized (subscriptions) {
        subscriptions.add((ConfDriver.Subscription) subscription);
      }
      return accessor;
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new IllegalStateException(
          "Cannot create the accessor of " + schema.getName() + ": " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "Cannot create the accessor of "
              + schema.getName()
              + "; compile it again with link-etcd-processor: "
              + e,
          e);
    }
  }

  /** {@return the generated {@code <Name>Accessor.of(EtcdMiddleware)} of {@code schema}} */
  static Method accessorFactory(Class<?> schema) {
    String pkg = schema.getPackageName();
    String nested = schema.getName().substring(pkg.isEmpty() ? 0 : pkg.length() + 1);
    String accessor = (pkg.isEmpty() ? "" : pkg + ".") + nested.replace('$', '_') + "Accessor";
    try {
      return Class.forName(accessor, false, schema.getClassLoader())
          .getMethod("of", EtcdMiddleware.class);
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      throw new IllegalStateException(
          "@ConfigSchema interface "
              + schema.getName()
              + " has no generated "
              + accessor
              + ".of(EtcdMiddleware); add link.etcd:link-etcd-processor to the compiler's"
              + " annotationProcessorPaths",
          e);
    }
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}

  /** Stops following etcd. */
  @Override
  public void destroy() {
    synchronized (subscriptions) {
      subscriptions.forEach(ConfDriver.Subscription::close);
      subscriptions.clear();
    }
  }
}
