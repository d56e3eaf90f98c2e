package dev.openledger.node.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code openssl speed -seconds N ed25519} when openssl is installed and reads its verify
 * rate.
 */
public final class OpenSslSpeed {
  private OpenSslSpeed() {}

  /**
   * The single-core Ed25519 verifications per second OpenSSL reports, or empty when openssl is not
   * on the PATH or its output has no Ed25519 line.
   */
  public static Optional<Double> ed25519VerifyPerSecond(int seconds) {
    Process p;
    try {
      p =
          new ProcessBuilder("openssl", "speed", "-seconds", Integer.toString(seconds), "ed25519")
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      return Optional.empty();
    }
    try (InputStream in = p.getInputStream()) {
      String output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(seconds * 4L + 30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      return parse(output);
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return Optional.empty();
    }
  }

  /**
   * The last number on the {@code (Ed25519)} result line: {@code "253 bits EdDSA (Ed25519) 0.0000s
   * 0.0001s 22222.2 8474.6"}.
   */
  static Optional<Double> parse(String output) {
    for (String line : output.split("\n")) {
      if (line.contains("(Ed25519)")
          && line.trim().matches(".*\\d+\\.\\d+s\\s+\\d+\\.\\d+s\\s+[0-9.]+\\s+[0-9.]+$")) {
        String[] parts = line.trim().split("\\s+");
        return Optional.of(Double.parseDouble(parts[parts.length - 1]));
      }
    }
    return Optional.empty();
  }
}
