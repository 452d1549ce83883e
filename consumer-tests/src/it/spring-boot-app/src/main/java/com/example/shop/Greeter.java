package com.example.shop;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.context.config.annotation.RefreshScope;
import org.springframework.stereotype.Component;

/** Made again with the new greeting after a change in etcd. */
@Component
@RefreshScope
public class Greeter {
  private final String text;

  public Greeter(@Value("${greeting.text}") String text) { this.text = text; }

  public String greet() { return text; }
}
