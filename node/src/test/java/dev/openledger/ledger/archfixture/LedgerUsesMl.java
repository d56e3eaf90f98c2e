package dev.openledger.ledger.archfixture;

import dev.openledger.ml.model.LlamaConfig;

/** Violates the module directions on purpose: ledger code reaching into the model engine. */
public final class LedgerUsesMl {
  private LedgerUsesMl() {}

  public static int layers(LlamaConfig config) {
    return config.nLayers();
  }
}
