package dev.openledger.datanet.blob;

import dev.openledger.core.crypto.Hash;
import java.io.IOException;

/**
 * A stored blob whose bytes no longer hash to its name: the disk lied, so this is an I/O failure.
 */
public final class BlobCorruptedException extends IOException {
  private static final long serialVersionUID = 1L;

  public BlobCorruptedException(Hash expected, Hash actual) {
    super("blob " + expected + " is corrupted: its bytes hash to " + actual);
  }
}
