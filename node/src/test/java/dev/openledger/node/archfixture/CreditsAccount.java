package dev.openledger.node.archfixture;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.state.State;

/**
 * Violates "only the ledger writes state" on purpose: minting through a ledger module's write path.
 */
public final class CreditsAccount {
  private CreditsAccount() {}

  public static void mint(State state, Address to) {
    new BankModule().accounts().credit(state, to, Amount.ofOpen(1));
  }

  public static void poke(State state) {
    state.delete(BankModule.NAMESPACE.key(new byte[] {1}));
  }
}
