package dev.openledger.node;

/** The program's version, shown by {@code openledger --version} and {@code /api/status}. */
public final class Version {
  public static final String VERSION = "0.1.0";

  private Version() {}
}
