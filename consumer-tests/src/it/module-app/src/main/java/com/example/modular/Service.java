package com.example.modular;

import java.util.List;

/** A service as a typed record: stored as a tree, read back whole. */
public record Service(String host, int port, List<String> tags) {}
