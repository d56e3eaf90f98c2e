package dev.openledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.block.Receipt;
import dev.openledger.ledger.datanet.DatanetModule;
import dev.openledger.ledger.exec.ExecutedBlock;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.genesis.GenesisFile;
import dev.openledger.ledger.genesis.GenesisFile.GenesisJson;
import dev.openledger.ledger.genesis.ModuleGenesis;
import dev.openledger.ledger.model.ModelModule;
import dev.openledger.ledger.msg.AttributionParams;
import dev.openledger.ledger.msg.DatanetParams;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.ModelParams;
import dev.openledger.ledger.msg.PaymentParams;
import dev.openledger.ledger.state.StateReader;
import dev.openledger.ledger.store.InMemoryLedgerStore;
import dev.openledger.ledger.tx.SignedTransaction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A devnet chain for the datanet and model modules' tests: sends one message per block from named
 * devnet accounts with their next nonce, and checks every module invariant after each block.
 */
public final class RegistryDriver {
  /**
   * The authority of the test chains: a key the tests hold, standing in for the governance module.
   */
  public static final KeyPair GOV = KeyPair.insecureFromLabel("test-governance");

  private final ChainDriver driver;

  public RegistryDriver(DatanetParams datanet, ModelParams model) {
    this(genesis(datanet, model));
  }

  /** A chain from any genesis (e.g. {@link #genesis} with further sections changed). */
  public RegistryDriver(Genesis genesis) {
    driver = new ChainDriver(genesis, new InMemoryLedgerStore());
  }

  /**
   * The devnet genesis with these module parameters, and {@link #GOV} as the payment and
   * attribution modules' authority.
   */
  public static Genesis genesis(DatanetParams datanet, ModelParams model) {
    return GenesisFile.parse(genesisFile(datanet, model)).orElseThrow();
  }

  /** {@link #genesis} as a genesis file's bytes (JSON), for tests that change further sections. */
  public static byte[] genesisFile(DatanetParams datanet, ModelParams model) {
    GenesisJson base = DevnetGenesis.json(TestChains.FAST);
    Map<String, JsonNode> modules = new LinkedHashMap<>(base.modules());
    // These tests count every transaction fee into the treasury; the stakers' cut of transaction
    // fees (txFeeStakersBps) is the economy tests' subject, so it is zero here.
    com.fasterxml.jackson.databind.node.ObjectNode bank = modules.get("bank").deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) bank.get("params")).put("txFeeStakersBps", 0);
    modules.put("bank", bank);
    modules.put("datanet", ModuleGenesis.toSection(datanet));
    modules.put("model", ModuleGenesis.toSection(model));
    modules.put("payment", ModuleGenesis.toSection(PaymentParams.devnet(GOV.address())));
    modules.put("attribution", ModuleGenesis.toSection(AttributionParams.devnet(GOV.address())));
    GenesisJson j =
        new GenesisJson(
            base.chainId(),
            base.genesisTime(),
            base.sequencer(),
            base.totalSupply(),
            base.params(),
            base.allocations(),
            modules);
    return GenesisFile.write(j);
  }

  /** Devnet datanet parameters with {@link #GOV} as authority. */
  public static DatanetParams datanetParams() {
    return DatanetParams.devnet(GOV.address());
  }

  /** Devnet model parameters with {@link #GOV} as authority and no automatic approval. */
  public static ModelParams modelParams(boolean autoApprove) {
    ModelParams d = ModelParams.devnet(GOV.address());
    return new ModelParams(
        d.authority(),
        autoApprove,
        d.registerFee(),
        d.minInferencePrice(),
        d.defaultInferencePrice(),
        d.maxInferencePrice());
  }

  public static KeyPair key(String name) {
    return TestChains.key(name);
  }

  public ChainDriver chain() {
    return driver;
  }

  public StateReader state() {
    return driver.store().state();
  }

  public DatanetModule datanets() {
    return driver.chain().module(DatanetModule.class);
  }

  public ModelModule models() {
    return driver.chain().module(ModelModule.class);
  }

  public Amount balance(KeyPair k) {
    return driver.chain().bank().account(state(), k.address()).balance();
  }

  public Amount treasury() {
    return driver.chain().bank().account(state(), BankModule.TREASURY).balance();
  }

  /** Sends each (key, message) pair in one block; returns the receipts in order. */
  public List<Receipt> block(List<Map.Entry<KeyPair, Message>> txs) {
    List<SignedTransaction> signed = new ArrayList<>();
    Map<KeyPair, Long> nonces = new LinkedHashMap<>();
    for (Map.Entry<KeyPair, Message> e : txs) {
      KeyPair k = e.getKey();
      long n =
          nonces.computeIfAbsent(
              k, x -> driver.chain().bank().account(state(), x.address()).nonce());
      nonces.put(k, n + 1);
      signed.add(TestChains.tx(k, n, e.getValue()));
    }
    ExecutedBlock b = driver.commit(signed);
    assertThat(b.dropped()).as("dropped").isEmpty();
    assertThat(driver.chain().machine().checkInvariants(state())).as("invariants").isEmpty();
    return b.results().receipts();
  }

  /** Sends one message in its own block and returns its receipt. */
  public Receipt send(KeyPair from, Message m) {
    return block(List.of(Map.entry(from, m))).get(0);
  }

  /** Sends and expects success. */
  public Receipt ok(KeyPair from, Message m) {
    Receipt r = send(from, m);
    assertThat(r.code()).as(r.message()).isEqualTo(Receipt.OK);
    return r;
  }

  /** Sends and expects the failure {@code code}; returns the message. */
  public String fails(KeyPair from, Message m, String code) {
    Receipt r = send(from, m);
    assertThat(r.code()).as(r.message()).isEqualTo(code);
    return r.message();
  }
}
