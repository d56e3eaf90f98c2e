package dev.openledger.datanet.store;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A datanet as mirrored from its on-chain creation, plus this node's count of accepted rows. */
public record DatanetRecord(
    Hash id, Address owner, String name, String description, List<String> tags, long acceptedRows) {
  public DatanetRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    tags = List.copyOf(tags);
    if (acceptedRows < 0) {
      throw new IllegalArgumentException("acceptedRows < 0");
    }
  }

  public DatanetRecord withAcceptedRows(long n) {
    return new DatanetRecord(id, owner, name, description, tags, n);
  }

  byte[] encode() {
    CanonicalWriter w =
        new CanonicalWriter()
            .hash(id)
            .address(owner)
            .string(name)
            .string(description)
            .varint(tags.size());
    tags.forEach(w::string);
    return w.varint(acceptedRows).toByteArray();
  }

  static DatanetRecord decode(byte[] b) throws DecodeException {
    CanonicalReader r = new CanonicalReader(b);
    Hash id = r.hash("id");
    Address owner = r.address("owner");
    String name = r.string("name", 1 << 16);
    String description = r.string("description", 1 << 24);
    int n = (int) r.varint("tags", 1 << 16);
    List<String> tags = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      tags.add(r.string("tag", 1 << 16));
    }
    long accepted = r.varint("acceptedRows");
    r.finish();
    return new DatanetRecord(id, owner, name, description, tags, accepted);
  }
}
