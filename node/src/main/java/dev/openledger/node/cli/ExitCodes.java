package dev.openledger.node.cli;

/** Process exit codes shared by every {@code openledger} command. */
public final class ExitCodes {
  /** The command did what was asked. */
  public static final int OK = 0;

  /** Something failed while running (I/O, an unexpected error); the message says what. */
  public static final int FAILURE = 1;

  /** The command line was wrong: unknown option, missing argument, bad value. */
  public static final int USAGE = 2;

  /** The chain refused the request: a rejected transaction, insufficient funds, no permission. */
  public static final int REJECTED = 3;

  /** A node could not be reached, or did not answer in time. */
  public static final int UNREACHABLE = 4;

  /** A proof, signature or recomputation did not verify. */
  public static final int VERIFY_FAILED = 5;

  private ExitCodes() {}
}
