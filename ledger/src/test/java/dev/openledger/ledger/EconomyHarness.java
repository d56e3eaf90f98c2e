package dev.openledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.block.Receipt;
import dev.openledger.ledger.economy.EconomyModule;
import dev.openledger.ledger.engine.Chain;
import dev.openledger.ledger.exec.ExecutedBlock;
import dev.openledger.ledger.exec.LedgerModule;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.genesis.GenesisFile;
import dev.openledger.ledger.genesis.GenesisFile.GenesisJson;
import dev.openledger.ledger.gov.GovModule;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.staking.StakingModule;
import dev.openledger.ledger.state.StateReader;
import dev.openledger.ledger.store.InMemoryLedgerStore;
import dev.openledger.ledger.store.LedgerStore;
import dev.openledger.ledger.tx.SignedTransaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Drives the devnet chain block by block with explicit block times, tracking nonces: send a
 * message, get its receipt. Tests of the economy modules use it; the devnet genesis may be adjusted
 * first.
 */
public final class EconomyHarness {
  public static final KeyPair ALICE = TestChains.key("alice");
  public static final KeyPair BOB = TestChains.key("bob");
  public static final KeyPair CAROL = TestChains.key("carol");
  public static final KeyPair DAVE = TestChains.key("dave");

  private final ChainDriver driver;
  private final Map<Address, Long> nonces = new HashMap<>();

  private EconomyHarness(ChainDriver driver) {
    this.driver = driver;
  }

  /** The devnet (fast blocks) on an in-memory store. */
  public static EconomyHarness devnet() {
    return of(genesis(g -> {}), new InMemoryLedgerStore(), List.of());
  }

  /** The devnet with its genesis JSON adjusted by {@code edit}. */
  public static EconomyHarness devnet(Consumer<GenesisJson> edit) {
    return of(genesis(edit), new InMemoryLedgerStore(), List.of());
  }

  /** A chain of {@code genesis} with the standard modules and {@code extra} ones after them. */
  public static EconomyHarness of(Genesis genesis, LedgerStore store, List<LedgerModule> extra) {
    BankModule bank = new BankModule();
    List<LedgerModule> modules = new ArrayList<>(Chain.standardModules(bank));
    modules.addAll(extra);
    return new EconomyHarness(new ChainDriver(Chain.of(genesis, bank, modules), store));
  }

  /** The devnet genesis (fast blocks), adjusted by {@code edit}. */
  public static Genesis genesis(Consumer<GenesisJson> edit) {
    GenesisJson json = DevnetGenesis.json(TestChains.FAST);
    edit.accept(json);
    return GenesisFile.parse(GenesisFile.write(json)).orElseThrow();
  }

  /** The {@code params} object of a module section of a genesis being edited. */
  public static ObjectNode params(GenesisJson json, String module) {
    return (ObjectNode) json.modules().get(module).get("params");
  }

  public ChainDriver driver() {
    return driver;
  }

  public Chain chain() {
    return driver.chain();
  }

  public StateReader state() {
    return driver.store().state();
  }

  public BankModule bank() {
    return chain().bank();
  }

  public StakingModule staking() {
    return chain().module(StakingModule.class);
  }

  public GovModule gov() {
    return chain().module(GovModule.class);
  }

  public EconomyModule economy() {
    return chain().module(EconomyModule.class);
  }

  /** The last block's time. */
  public long now() {
    return driver.time();
  }

  public Amount balance(Address a) {
    return bank().account(state(), a).balance();
  }

  /** Signs {@code m} from {@code from} with its next nonce. */
  public SignedTransaction tx(KeyPair from, Message m) {
    long n = nonces.getOrDefault(from.address(), bank().account(state(), from.address()).nonce());
    nonces.put(from.address(), n + 1);
    return TestChains.tx(from, n, m);
  }

  /**
   * Runs {@code m} in a block 1 s after the last and returns its receipt (the transaction must be
   * included).
   */
  public Receipt run(KeyPair from, Message m) {
    return runAt(now() + 1000, from, m);
  }

  /** Runs {@code m} in a block at {@code timeMillis}. */
  public Receipt runAt(long timeMillis, KeyPair from, Message m) {
    ExecutedBlock b = block(timeMillis, List.of(tx(from, m)));
    assertThat(b.dropped()).as("dropped: %s", b.dropped()).isEmpty();
    return b.results().receipts().get(0);
  }

  /** Runs {@code m} and fails unless it succeeded. */
  public Receipt ok(KeyPair from, Message m) {
    Receipt r = run(from, m);
    assertThat(r.code()).as("%s: %s", m.type().name(), r.message()).isEqualTo(Receipt.OK);
    return r;
  }

  /** Commits a block at {@code timeMillis} and checks every module's invariants after it. */
  public ExecutedBlock block(long timeMillis, List<SignedTransaction> txs) {
    ExecutedBlock b = driver.commitAt(timeMillis, txs);
    for (SignedTransaction tx : txs) {
      if (b.dropped().stream().anyMatch(d -> d.hash().equals(tx.hash()))) {
        nonces.remove(tx.sender());
      }
    }
    assertThat(chain().machine().checkInvariants(state())).isEmpty();
    return b;
  }

  /** An empty block at {@code timeMillis} (hooks run: vesting releases, epoch summaries). */
  public ExecutedBlock emptyBlock(long timeMillis) {
    return block(timeMillis, List.of());
  }
}
