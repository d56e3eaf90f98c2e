package dev.openledger.archfixture;

/** Violates "every class lives in a module's package" on purpose. */
public final class Stray {
  private Stray() {}
}
