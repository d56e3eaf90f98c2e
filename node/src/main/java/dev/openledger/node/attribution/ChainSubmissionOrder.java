package dev.openledger.node.attribution;

import dev.openledger.core.crypto.Hash;
import dev.openledger.ledger.datanet.DatanetModule;
import dev.openledger.ledger.engine.LedgerEngine;
import dev.openledger.modelfactory.poa.SubmissionOrder;

/**
 * The order of first submission from the chain: a contribution's sequence is the height of the
 * block that recorded it, shifted left 31 bits, plus the first 31 bits of its id (contributions of
 * one block are ordered by id, since the chain records no finer order). A contribution not on chain
 * sorts last.
 */
public final class ChainSubmissionOrder implements SubmissionOrder {
  private final LedgerEngine engine;
  private final DatanetModule datanets;

  public ChainSubmissionOrder(LedgerEngine engine) {
    this.engine = engine;
    this.datanets = engine.chain().module(DatanetModule.class);
  }

  @Override
  public long sequence(Hash contributionId) {
    long tie =
        (Byte.toUnsignedLong(contributionId.bytes()[0]) << 23
            | Byte.toUnsignedLong(contributionId.bytes()[1]) << 15
            | Byte.toUnsignedLong(contributionId.bytes()[2]) << 7
            | Byte.toUnsignedLong(contributionId.bytes()[3]) >>> 1);
    long height =
        datanets
            .keeper()
            .contribution(engine.reader().snapshot(), contributionId)
            .map(c -> c.submittedHeight())
            .orElse((1L << 31) - 1);
    return (Math.min(height, (1L << 31) - 1) << 31) | tie;
  }
}
