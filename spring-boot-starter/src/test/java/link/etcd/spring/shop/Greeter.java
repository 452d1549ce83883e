package link.etcd.spring.shop;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.context.config.annotation.RefreshScope;
import org.springframework.stereotype.Component;

/** A {@code @RefreshScope} bean: made again with the new value after a change in etcd. */
@Component
@RefreshScope
public class Greeter {
  private final String text;

  public Greeter(@Value("${greeting.text}") String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }
}
