package dev.openledger.ledger.model;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import java.util.Objects;

/**
 * Who owns a model name and its latest version, at {@code model/n<name>}.
 *
 * @param developer the developer of version 1; only it registers further versions
 * @param latestVersion the highest registered version
 */
public record ModelName(Address developer, int latestVersion) {
  public ModelName {
    Objects.requireNonNull(developer, "developer");
    if (latestVersion < 1) {
      throw new IllegalArgumentException("a registered name has version 1 or more");
    }
  }

  byte[] encode() {
    return new CanonicalWriter(28).address(developer).u32(latestVersion).toByteArray();
  }

  static ModelName decode(byte[] b) throws DecodeException {
    CanonicalReader r = new CanonicalReader(b);
    ModelName n =
        new ModelName(
            r.address("developer"), (int) Math.min(r.u32("latestVersion"), Integer.MAX_VALUE));
    r.finish();
    return n;
  }
}
