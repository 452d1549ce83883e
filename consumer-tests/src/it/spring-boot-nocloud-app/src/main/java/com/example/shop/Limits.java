package com.example.shop;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** limits.max from etcd, bound at start (without spring-cloud-context nothing rebinds it). */
@ConfigurationProperties("limits")
public record Limits(int max) {}
