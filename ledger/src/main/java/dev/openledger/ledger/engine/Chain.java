package dev.openledger.ledger.engine;

import dev.openledger.ledger.attribution.AttributionModule;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.datanet.DatanetModule;
import dev.openledger.ledger.economy.EconomyModule;
import dev.openledger.ledger.exec.BlockExecutor;
import dev.openledger.ledger.exec.LedgerModule;
import dev.openledger.ledger.exec.StateMachine;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.membership.MembershipModule;
import dev.openledger.ledger.model.ModelModule;
import dev.openledger.ledger.payment.PaymentModule;
import dev.openledger.ledger.gov.GovModule;
import dev.openledger.ledger.staking.StakingModule;
import dev.openledger.ledger.tx.TxVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One chain's rules, assembled: its genesis, its modules (the bank first, then any others, in a fixed
 * order), the state machine, the block executor and the stateless verifier. Engines and replay share it.
 */
public final class Chain {
  private final Genesis genesis;
  private final BankModule bank;
  private final StateMachine machine;
  private final BlockExecutor executor;
  private final TxVerifier verifier;

  private Chain(Genesis genesis, BankModule bank, List<LedgerModule> others) {
    this.genesis = Objects.requireNonNull(genesis);
    this.bank = bank;
    List<LedgerModule> modules = new ArrayList<>();
    modules.add(bank);
    modules.addAll(others);
    this.machine = new StateMachine(bank, modules);
    this.executor = new BlockExecutor(machine, genesis.chainId());
    this.verifier = new TxVerifier(genesis.chainRules());
  }

  /** The chain with every standard module (see {@link #standardModules}). */
  public static Chain of(Genesis genesis) {
    BankModule bank = new BankModule();
    return new Chain(genesis, bank, standardModules(bank));
  }

  /**
   * The standard modules after the bank, in execution order: staking (whose validators are the cluster
   * module's members on a replicated chain), governance, the validator set ({@code cluster}), datanets, the
   * model registry (it checks lineage and access against the datanets' state), payments (they pay the
   * registry's developers), attribution (it pays contributors out of the payments' attribution pool), then
   * the economy figures. A module that reads another's state at the start of a block comes after it.
   */
  public static List<LedgerModule> standardModules(BankModule bank) {
    MembershipModule membership = new MembershipModule();
    StakingModule staking = new StakingModule(bank, membership::memberAddresses);
    DatanetModule datanets = new DatanetModule(bank);
    ModelModule models = new ModelModule(bank, datanets);
    PaymentModule payments = new PaymentModule(bank, models);
    return List.of(
        staking,
        new GovModule(bank, staking.votingPower()),
        membership,
        datanets,
        models,
        payments,
        new AttributionModule(bank, payments, models, datanets),
        new EconomyModule(bank, staking));
  }

  /**
   * The chain with the bank and further modules, applied in the given order. Each module gets the bank
   * keeper from {@link #bank()} when it is built.
   */
  public static Chain of(Genesis genesis, BankModule bank, List<LedgerModule> others) {
    return new Chain(genesis, bank, others);
  }

  public Genesis genesis() {
    return genesis;
  }

  public BankModule bank() {
    return bank;
  }

  /** The registered module of type {@code type}. */
  public <T extends LedgerModule> T module(Class<T> type) {
    for (LedgerModule m : machine.modules()) {
      if (type.isInstance(m)) {
        return type.cast(m);
      }
    }
    throw new IllegalArgumentException("this chain has no " + type.getSimpleName());
  }

  public StateMachine machine() {
    return machine;
  }

  public BlockExecutor executor() {
    return executor;
  }

  public TxVerifier verifier() {
    return verifier;
  }
}
