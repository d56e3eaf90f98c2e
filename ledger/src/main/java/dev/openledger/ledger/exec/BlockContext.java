package dev.openledger.ledger.exec;

import dev.openledger.core.crypto.Address;
import java.util.Objects;

/**
 * What execution may know about the block it runs in. Handlers use {@code timeMillis} for deadlines
 * and interest, never the wall clock.
 *
 * @param chainId the chain
 * @param height the block being built
 * @param timeMillis the block's header time
 * @param proposer the address of the block's proposer
 */
public record BlockContext(String chainId, long height, long timeMillis, Address proposer) {
  public BlockContext {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(proposer, "proposer");
  }
}
