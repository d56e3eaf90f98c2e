package dev.openledger.ledger.msg;

/** Shared checks for numeric ids (pools, positions, proposals), which start at 1. */
final class Ids {
  private Ids() {}

  static void requireId(long id, String what) {
    if (id < 1) {
      throw new IllegalArgumentException(what + " id must be at least 1, got " + id);
    }
  }
}
