package dev.openledger.ledger.genesis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.genesis.GenesisFile.AllocationJson;
import dev.openledger.ledger.genesis.GenesisFile.GenesisJson;
import dev.openledger.ledger.genesis.GenesisFile.ParamsJson;
import dev.openledger.ledger.msg.AttributionParams;
import dev.openledger.ledger.msg.DatanetParams;
import dev.openledger.ledger.msg.ModelParams;
import dev.openledger.ledger.msg.PaymentParams;
import dev.openledger.ledger.staking.Purpose;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openledger.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The devnet: the OPEN token's published allocation of 1,000,000,000 OPEN (Community 51.71%, Ecosystem 10%,
 * Investors 18.29%, Team 15%, Liquidity 5%) in module accounts, with {@value #FAUCET_OPEN} OPEN for each
 * of a few funded accounts, a vesting account and the staking rewards reserve taken out of the Ecosystem
 * pool. The funded accounts' keys are {@code KeyPair.insecureFromLabel("devnet-<name>")}: anyone can derive
 * them, so they are for local testing only. The sequencer key is {@code insecureFromLabel("devnet-sequencer")}
 * for the same reason. The datanet, model, payment and attribution modules get their devnet parameters, with the governance
 * module account as authority, automatic approval of proposed models, and a minute for a provider to settle
 * after a payer starts closing a channel (ten minutes to attribute a settled batch).
 *
 * <p>Time runs fast on the devnet: a vesting month is a minute (team and investors: 12-minute cliff, then 36
 * minutes linear; community and ecosystem: 48 minutes linear), governance uses seconds (5 s voting delay,
 * 60 s voting period, 5 s timelock), staking pools lock for minutes, and economy epochs last a minute.
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
  /** A devnet account whose allocation vests (1-minute cliff, then 4 minutes linear); not in {@link #ACCOUNTS}. */
  public static final String VESTING_ACCOUNT = "erin";
  public static final long VESTING_OPEN = 1_000_000;
  /** The staking rewards reserve's genesis funding. */
  public static final long STAKING_REWARDS_OPEN = 10_000_000;
  /** One vesting month on the devnet, in seconds. */
  static final long MONTH_SECONDS = 60;

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
    allocations.add(category("community", 517_100_000L, months(0, 48), "Community 51.71%, 48 months linear (devnet: minutes)"));
    allocations.add(
        category(
            "ecosystem",
            100_000_000L - faucets - VESTING_OPEN - STAKING_REWARDS_OPEN,
            months(0, 48),
            "Ecosystem 10%, less the devnet accounts and the staking rewards reserve; 48 months linear (devnet: minutes)"));
    allocations.add(category("investors", 182_900_000L, months(12, 36), "Investors 18.29%, 12-month cliff then 36 months linear (devnet: minutes)"));
    allocations.add(category("team", 150_000_000L, months(12, 36), "Team 15%, 12-month cliff then 36 months linear (devnet: minutes)"));
    allocations.add(category("liquidity", 50_000_000L, null, "Liquidity 5%"));
    allocations.add(category("staking-rewards", STAKING_REWARDS_OPEN, null, "Staking rewards reserve (from Ecosystem): pays staking interest"));
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
    allocations.add(
        new AllocationJson(
            label(VESTING_ACCOUNT),
            key(VESTING_ACCOUNT).address(),
            null,
            Amount.ofOpen(VESTING_OPEN),
            Vesting.seconds(60, 240),
            "INSECURE devnet key: KeyPair.insecureFromLabel(\"" + label(VESTING_ACCOUNT) + "\"); vests over 5 minutes (1-minute cliff)"));
    return new GenesisJson(CHAIN_ID, GENESIS_TIME, sequencerKey().publicKey(), Amount.MAX_SUPPLY, ParamsJson.of(params), allocations, modules());
  }

  /**
   * {@code json} with {@code each} for every named account, taken out of the Ecosystem pool as the devnet's
   * own accounts are (e.g. a devnet cluster's validators, which pay fees and stake from it).
   *
   * @param accounts allocation name to address, in the order to list them
   */
  public static GenesisJson fundFromEcosystem(GenesisJson json, Map<String, Address> accounts, Amount each) {
    Amount total = Amount.ZERO;
    for (int i = 0; i < accounts.size(); i++) {
      total = total.plus(each);
    }
    List<AllocationJson> allocations = new ArrayList<>();
    boolean found = false;
    for (AllocationJson a : json.allocations()) {
      if (a.name().equals("ecosystem")) {
        found = true;
        if (a.amount().isLessThan(total)) {
          throw new IllegalArgumentException("the Ecosystem pool holds " + a.amount() + ", less than the " + total + " to fund");
        }
        allocations.add(new AllocationJson(a.name(), a.address(), a.module(), a.amount().minus(total), a.vesting(), a.note()));
      } else {
        allocations.add(a);
      }
    }
    if (!found) {
      throw new IllegalArgumentException("the genesis has no ecosystem allocation to fund accounts from");
    }
    accounts.forEach((name, address) -> allocations.add(new AllocationJson(name, address, null, each, null, "funded from Ecosystem")));
    return new GenesisJson(json.chainId(), json.genesisTime(), json.sequencer(), json.totalSupply(), json.params(), allocations, json.modules());
  }

  /** Adds to the {@code staking} section a stake opened at genesis from {@code owner}'s allocation. */
  public static void addGenesisStake(GenesisJson json, Address owner, long pool, Purpose purpose, Amount amount) {
    ObjectNode staking = (ObjectNode) json.modules().get("staking");
    if (staking == null) {
      throw new IllegalArgumentException("the genesis has no staking section");
    }
    ArrayNode stakes = staking.has("stakes") ? (ArrayNode) staking.get("stakes") : staking.putArray("stakes");
    stakes.addObject().put("owner", owner.toString()).put("pool", pool).put("purpose", purpose.name()).put("amount", amount.toPlainString());
  }

  private static Vesting months(int cliff, int linear) {
    return Vesting.seconds(cliff * MONTH_SECONDS, linear * MONTH_SECONDS);
  }

  /**
   * The devnet's module sections (the modules read and validate them; the defaults elsewhere are
   * OpenLedger's mainnet values): governance in seconds, pools locking for minutes, one-minute epochs.
   */
  private static Map<String, JsonNode> modules() {
    Map<String, JsonNode> m = GenesisFile.noModules();
    ObjectNode split = object("contributorsBps", 4000, "developerBps", 2500, "providerBps", 2000, "stakersBps", 1000, "treasuryBps", 500);
    ObjectNode bankParams = object("txFeeStakersBps", 2000);
    bankParams.set("inferenceFeeSplit", split);
    m.put("bank", wrap(bankParams));
    ObjectNode staking = wrap(
        object(
            "invalidDataSlashBps", 1000, "failedAuditSlashBps", 500, "doubleSignSlashBps", 500, "divergenceSlashBps", 100, "invalidBlockSlashBps", 500,
            "jailSeconds", 60, "maxEvidenceAgeBlocks", 100_000, "slashDestination", "BURN"));
    ((ObjectNode) staking.get("params")).putArray("reporters");
    ArrayNode pools = staking.putArray("pools");
    pools.add(pool("flexible", 500, 0, 30));
    pools.add(pool("locked-30d", 800, 120, 0));
    pools.add(pool("locked-365d", 1500, 600, 0));
    m.put("staking", staking);
    m.put(
        "gov",
        wrap(object("votingDelaySeconds", 5, "votingPeriodSeconds", 60, "proposalThreshold", "100", "quorumBps", 2500, "timelockSeconds", 5, "gracePeriodSeconds", 3600)));
    m.put("economy", wrap(object("epochSeconds", 60)));
    m.put("datanet", ModuleGenesis.toSection(DatanetParams.devnet(ModuleGenesis.GOVERNANCE)));
    m.put("model", ModuleGenesis.toSection(ModelParams.devnet(ModuleGenesis.GOVERNANCE)));
    m.put("payment", ModuleGenesis.toSection(PaymentParams.devnet(ModuleGenesis.GOVERNANCE)));
    m.put("attribution", ModuleGenesis.toSection(AttributionParams.devnet(ModuleGenesis.GOVERNANCE)));
    return m;
  }

  private static ObjectNode pool(String name, int rateBps, long lockSeconds, long cooldownSeconds) {
    return object(
        "name", name, "annualRateBps", rateBps, "lockSeconds", lockSeconds, "cooldownSeconds", cooldownSeconds,
        "minStake", "1", "maxStake", "10000000", "active", true, "topUpEnabled", true);
  }

  private static ObjectNode wrap(ObjectNode params) {
    ObjectNode o = Json.mapper().createObjectNode();
    o.set("params", params);
    return o;
  }

  private static ObjectNode object(Object... kv) {
    ObjectNode o = Json.mapper().createObjectNode();
    for (int i = 0; i < kv.length; i += 2) {
      o.set((String) kv[i], Json.mapper().valueToTree(kv[i + 1]));
    }
    return o;
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
