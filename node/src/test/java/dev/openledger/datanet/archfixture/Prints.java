package dev.openledger.datanet.archfixture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Violates the console and logging rules on purpose; its main method shows the allowed exception.
 */
public final class Prints {
  public static final Logger LOG = LoggerFactory.getLogger(Prints.class);

  private final Logger instanceLog = LoggerFactory.getLogger(Prints.class);

  public static void report(String line) {
    System.out.println(line);
  }

  public void fail(Exception e) {
    instanceLog.info("failing");
    e.printStackTrace();
  }

  /** Allowed: a program's own entry point prints its output. */
  public static void main(String[] args) {
    System.out.println(String.join(" ", args));
  }
}
