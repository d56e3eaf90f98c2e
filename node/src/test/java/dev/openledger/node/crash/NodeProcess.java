package dev.openledger.node.crash;

import dev.openledger.node.client.ClientException;
import dev.openledger.node.client.LedgerClient;
import dev.openledger.node.home.NodeHome;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node run as a separate {@code java} process (so a test can SIGKILL it), with its output in
 * {@code dir}.
 */
final class NodeProcess {
  private static final Pattern API = Pattern.compile("API on (http://\\S+)");

  private NodeProcess() {}

  /**
   * Starts {@code openledger node} on a free port; output goes to {@code node-<round>.out|err} in
   * {@code dir}.
   */
  static Process start(NodeHome home, Path dir, int round) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath =
        Optional.ofNullable(System.getProperty("surefire.test.class.path"))
            .orElse(System.getProperty("java.class.path"));
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "--add-modules",
            "jdk.incubator.vector",
            "-Xmx512m",
            "-XX:+UseSerialGC",
            "-cp",
            classpath,
            "dev.openledger.node.cli.Main",
            "node",
            "--home",
            home.root().toString(),
            "--port",
            "0");
    pb.redirectOutput(dir.resolve("node-" + round + ".out").toFile());
    pb.redirectError(dir.resolve("node-" + round + ".err").toFile());
    pb.environment().remove("OPENLEDGER_PASSWORD");
    return pb.start();
  }

  /** The API URL the node prints once it serves. */
  static String awaitUrl(Process node, Path dir, int round) throws Exception {
    File out = dir.resolve("node-" + round + ".out").toFile();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (out.exists()) {
        Matcher m = API.matcher(Files.readString(out.toPath()));
        if (m.find()) {
          return m.group(1);
        }
      }
      if (!node.isAlive()) {
        throw new AssertionError(
            "node exited with "
                + node.exitValue()
                + ": "
                + Files.readString(dir.resolve("node-" + round + ".err")));
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "node did not start: " + Files.readString(dir.resolve("node-" + round + ".err")));
  }

  /** Waits until the API answers; returns the chain's height. */
  static long awaitReady(LedgerClient client) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      try {
        return client.status().height();
      } catch (ClientException.Unreachable e) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("node API not answering");
  }
}
