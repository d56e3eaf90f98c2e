package dev.openledger.ledger.exec;

/** The value of a successful message handler, which returns nothing else. */
public enum Done {
  DONE
}
