package dev.openledger.ml.archfixture;

import picocli.CommandLine;

/** Violates "picocli only in the CLI" on purpose. */
public final class UsesPicocli {
  private UsesPicocli() {}

  public static int run(Object command, String... args) {
    return new CommandLine(command).execute(args);
  }
}
