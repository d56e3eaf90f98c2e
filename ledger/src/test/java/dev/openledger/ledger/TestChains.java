package dev.openledger.ledger;

import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.genesis.ChainParams;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.Transaction;

/** Shared fixtures: a devnet genesis with fast blocks, its funded keys, and signed transactions. */
public final class TestChains {
  public static final Amount FEE = Amount.ofNano(10_000);
  public static final ChainParams FAST = new ChainParams(20, false, 16 * 1024, 1000, FEE);

  private TestChains() {}

  public static Genesis devnet() {
    return DevnetGenesis.genesis(FAST);
  }

  public static KeyPair key(String name) {
    return DevnetGenesis.key(name);
  }

  public static SignedTransaction tx(KeyPair from, long nonce, Message m) {
    return new Transaction(DevnetGenesis.CHAIN_ID, from.publicKey(), nonce, FEE, m).sign(from);
  }

  public static SignedTransaction tx(KeyPair from, long nonce, Amount fee, Message m) {
    return new Transaction(DevnetGenesis.CHAIN_ID, from.publicKey(), nonce, fee, m).sign(from);
  }
}
