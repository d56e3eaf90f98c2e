package dev.openledger.openlora.service;

import dev.openledger.openlora.chain.ApiKeyDirectory;
import dev.openledger.openlora.chain.EscrowLedger;
import dev.openledger.openlora.chain.InMemoryChain;
import dev.openledger.openlora.chain.ModelRegistry;

/** The three views of chain state OpenLoRA reads. */
public record OnChain(ModelRegistry registry, EscrowLedger escrows, ApiKeyDirectory keys) {
  public OnChain {
    if (registry == null || escrows == null || keys == null) {
      throw new IllegalArgumentException("registry, escrows and keys are required");
    }
  }

  /** All three from one in-memory devnet. */
  public static OnChain of(InMemoryChain chain) {
    return new OnChain(chain, chain, chain);
  }
}
