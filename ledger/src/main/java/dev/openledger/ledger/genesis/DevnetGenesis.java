package dev.openledger.ledger.genesis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.genesis.GenesisFile.AllocationJson;
import dev.openledger.ledger.genesis.GenesisFile.GenesisJson;
import dev.openledger.ledger.genesis.GenesisFile.ParamsJson;
import dev.openledger.ledger.msg.DatanetParams;
import dev.openledger.ledger.msg.ModelParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The devnet: the OPEN token's published allocation of 1,000,000,000 OPEN (Community 51.71%, Ecosystem 10%,
 * Investors 18.29%, Team 15%, Liquidity 5%) in module accounts, with {@value #FAUCET_OPEN} OPEN for each
 * of a few funded accounts taken out of the Ecosystem pool. The funded accounts' keys are
 * {@code KeyPair.insecureFromLabel("devnet-<name>")}: anyone can derive them, so they are for local testing
 * only. The sequencer key is {@code insecureFromLabel("devnet-sequencer")} for the same reason. The datanet and
 * model modules get their devnet parameters, with the governance module account as authority and automatic
 * approval of proposed models.
 *
 * <p>Community is usually quoted as 51.7%, but the same sources give Community + Ecosystem as 61.71% and the
 * five shares as 100%; 51.7% leaves 100,000 OPEN unallocated, so the devnet uses 51.71%.
 */
public final class DevnetGenesis {
  public static final String CHAIN_ID = "openledger-devnet";
  public static final String GENESIS_TIME = "2026-01-01T00:00:00Z";
  /** The funded devnet accounts, by name. */
  public static final List<String> ACCOUNTS = List.of("alice", "bob", "carol", "dave");
  public static final long FAUCET_OPEN = 1_000_000;
  public static final String SEQUENCER_LABEL = "devnet-sequencer";

  private DevnetGenesis() {}

  /** The key of a funded devnet account; insecure by construction. */
  public static KeyPair key(String name) {
    return KeyPair.insecureFromLabel(label(name));
  }

  /** The label a devnet account's key is derived from, e.g. {@code devnet-alice}. */
  public static String label(String name) {
    return "devnet-" + name;
  }

  public static KeyPair sequencerKey() {
    return KeyPair.insecureFromLabel(SEQUENCER_LABEL);
  }

  /** The devnet genesis with the default parameters. */
  public static GenesisJson json() {
    return json(ChainParams.devnet());
  }

  /** The devnet genesis with other parameters (tests use short block times). */
  public static GenesisJson json(ChainParams params) {
    long faucets = FAUCET_OPEN * ACCOUNTS.size();
    List<AllocationJson> allocations = new ArrayList<>();
    allocations.add(category("community", 517_100_000L, new Vesting(0, 48), "Community 51.71%"));
    allocations.add(category("ecosystem", 100_000_000L - faucets, new Vesting(0, 48), "Ecosystem 10%, less the devnet faucet accounts"));
    allocations.add(category("investors", 182_900_000L, new Vesting(12, 36), "Investors 18.29%"));
    allocations.add(category("team", 150_000_000L, new Vesting(12, 36), "Team 15%"));
    allocations.add(category("liquidity", 50_000_000L, null, "Liquidity 5%"));
    for (String name : ACCOUNTS) {
      allocations.add(
          new AllocationJson(
              label(name),
              key(name).address(),
              null,
              Amount.ofOpen(FAUCET_OPEN),
              null,
              "INSECURE devnet key: KeyPair.insecureFromLabel(\"" + label(name) + "\"); anyone can derive it"));
    }
    Map<String, JsonNode> modules = GenesisFile.noModules();
    modules.put("datanet", ModuleGenesis.toSection(DatanetParams.devnet(ModuleGenesis.GOVERNANCE)));
    modules.put("model", ModuleGenesis.toSection(ModelParams.devnet(ModuleGenesis.GOVERNANCE)));
    return new GenesisJson(CHAIN_ID, GENESIS_TIME, sequencerKey().publicKey(), Amount.MAX_SUPPLY, ParamsJson.of(params), allocations, modules);
  }

  /** The devnet genesis file's bytes. */
  public static byte[] bytes(ChainParams params) {
    return GenesisFile.write(json(params));
  }

  /** The parsed devnet genesis. */
  public static Genesis genesis(ChainParams params) {
    return GenesisFile.parse(bytes(params)).orElseThrow();
  }

  public static Genesis genesis() {
    return genesis(ChainParams.devnet());
  }

  private static AllocationJson category(String name, long open, Vesting vesting, String note) {
    return new AllocationJson(name, null, true, Amount.ofOpen(open), vesting, note);
  }
}
