package link.etcd.spring.shop;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The application the starter's tests start, with its configuration in etcd. */
@SpringBootApplication(proxyBeanMethods = false)
@ConfigurationPropertiesScan
public class ShopApplication {}
