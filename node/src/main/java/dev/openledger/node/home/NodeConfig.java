package dev.openledger.node.home;

import java.util.Objects;

/**
 * Where the node listens ({@code config/node.json}).
 *
 * @param host the interface to bind; loopback by default
 * @param port the HTTP port
 */
public record NodeConfig(String host, int port) {
  public static final int DEFAULT_PORT = 8645;
  public static final String DEFAULT_HOST = "127.0.0.1";

  public NodeConfig {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be within [0, 65535], got " + port);
    }
  }

  public static NodeConfig defaults() {
    return new NodeConfig(DEFAULT_HOST, DEFAULT_PORT);
  }
}
