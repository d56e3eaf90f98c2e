package dev.openledger.ledger.cluster;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import dev.openledger.ledger.block.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The leader's block for the next height, signed by it after executing it, with the candidates it
 * left out (so that every replica can tell its clients why). Followers re-verify and re-execute it;
 * the block is accepted only if its parent is still the head when the entry is applied.
 *
 * @param block the signed block
 * @param dropped candidates the ante checks refused while building it
 */
public record Proposal(Block block, List<Dropped> dropped) implements ClusterEntry {
  private static final int MAX_DROPPED = 100_000;

  public Proposal {
    Objects.requireNonNull(block, "block");
    dropped = List.copyOf(dropped);
  }

  /**
   * A candidate left out of the block.
   *
   * @param hash the transaction
   * @param code the rejection code
   * @param message why
   */
  public record Dropped(Hash hash, String code, String message) {
    public Dropped {
      Objects.requireNonNull(hash, "hash");
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.bytes(block.encode()).varint(dropped.size());
    for (Dropped d : dropped) {
      w.hash(d.hash()).string(d.code()).string(d.message());
    }
  }

  static Proposal decodeBody(CanonicalReader r) throws DecodeException {
    Block block = Block.decode(r.bytes("block", Integer.MAX_VALUE));
    int n = (int) r.varint("dropped count", Math.min(MAX_DROPPED, r.remaining()));
    List<Dropped> dropped = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      dropped.add(
          new Dropped(
              r.hash("dropped hash"),
              r.string("dropped code", 64),
              r.string("dropped message", 4096)));
    }
    return new Proposal(block, dropped);
  }
}
