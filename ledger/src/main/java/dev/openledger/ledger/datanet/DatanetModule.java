package dev.openledger.ledger.datanet;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.exec.LedgerModule;
import dev.openledger.ledger.exec.MessageHandler;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.genesis.ModuleGenesis;
import dev.openledger.ledger.msg.AccessTerms;
import dev.openledger.ledger.msg.AddCurator;
import dev.openledger.ledger.msg.AllowContributor;
import dev.openledger.ledger.msg.CreateDatanet;
import dev.openledger.ledger.msg.DatanetParams;
import dev.openledger.ledger.msg.GrantAccess;
import dev.openledger.ledger.msg.PayAccessFee;
import dev.openledger.ledger.msg.PublishVersion;
import dev.openledger.ledger.msg.RemoveCurator;
import dev.openledger.ledger.msg.ReviewContribution;
import dev.openledger.ledger.msg.SubmitContribution;
import dev.openledger.ledger.msg.UpdateDatanetParams;
import dev.openledger.ledger.state.Namespace;
import dev.openledger.ledger.state.State;
import dev.openledger.ledger.state.StateReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The datanet module: its messages' handlers, genesis, invariants, and the typed queries the node
 * serves. Stakes of pending contributions are escrowed in the module account {@value
 * #STAKE_ACCOUNT}.
 */
public final class DatanetModule implements LedgerModule {
  public static final String NAME = "datanet";
  public static final String STAKE_ACCOUNT = "datanet-stakes";
  public static final Address STAKE_ESCROW = Address.module(STAKE_ACCOUNT);

  private final BankModule bank;
  private final DatanetKeeper keeper = new DatanetKeeper();
  private final DatanetHandlers datanets;
  private final ContributionHandlers contributions;
  private final VersionHandlers versions;

  public DatanetModule(BankModule bank) {
    this.bank = bank;
    Payments payments = new Payments(bank.accounts());
    this.datanets = new DatanetHandlers(keeper, payments);
    this.contributions = new ContributionHandlers(keeper, payments);
    this.versions = new VersionHandlers(keeper, payments, datanets);
  }

  @Override
  public Namespace namespace() {
    return DatanetKeeper.NAMESPACE;
  }

  @Override
  public List<MessageHandler<?>> handlers() {
    return List.of(
        new MessageHandler<>(CreateDatanet.TYPE, datanets::create),
        new MessageHandler<>(SubmitContribution.TYPE, contributions::submit),
        new MessageHandler<>(ReviewContribution.TYPE, contributions::review),
        new MessageHandler<>(AddCurator.TYPE, datanets::addCurator),
        new MessageHandler<>(RemoveCurator.TYPE, datanets::removeCurator),
        new MessageHandler<>(AllowContributor.TYPE, datanets::allow),
        new MessageHandler<>(PublishVersion.TYPE, versions::publish),
        new MessageHandler<>(GrantAccess.TYPE, versions::grant),
        new MessageHandler<>(PayAccessFee.TYPE, versions::payAccess),
        new MessageHandler<>(UpdateDatanetParams.TYPE, datanets::updateParams));
  }

  /**
   * Parameters from {@code modules.datanet}; without that section, the devnet's values with the
   * governance module account as authority.
   */
  public static DatanetParams genesisParams(Genesis genesis) {
    return ModuleGenesis.section(
        genesis, NAME, DatanetParams.class, DatanetParams.devnet(ModuleGenesis.GOVERNANCE));
  }

  @Override
  public void initGenesis(Genesis genesis, State state) {
    keeper.putParams(state, genesisParams(genesis));
    bank.registerModuleAccount(state, STAKE_ACCOUNT);
  }

  /** Typed reads of this module's state. */
  public DatanetKeeper keeper() {
    return keeper;
  }

  // ---- queries ----

  public DatanetParams params(StateReader s) {
    return keeper.params(s);
  }

  /** A datanet by id, or by name (case-insensitive) when {@code idOrName} is not 64 hex digits. */
  public Optional<Datanet> find(StateReader s, String idOrName) {
    if (idOrName.matches("[0-9a-fA-F]{64}")) {
      Optional<Datanet> byId = keeper.datanet(s, Hash.fromHex(idOrName));
      if (byId.isPresent()) {
        return byId;
      }
    }
    return keeper.idByName(s, idOrName).flatMap(id -> keeper.datanet(s, id));
  }

  /**
   * Today's usage for the limits check of {@code user} contributing to {@code datanetId} at {@code
   * timeMillis}.
   */
  public UsageToday usage(StateReader s, Address user, Hash datanetId, long timeMillis) {
    long day = DailyUsage.dayOf(timeMillis);
    DailyUsage u = keeper.usage(s, user);
    return new UsageToday(
        day, u.bytesOn(day), u.filesOn(day), keeper.tally(s, datanetId).bytesOn(day));
  }

  /**
   * Whether {@code trainer} may train on version {@code version} (with root {@code root}) of a
   * datanet.
   */
  public AccessCheck checkAccess(
      StateReader s, Address trainer, Hash datanetId, int version, Hash root) {
    Optional<Datanet> found = keeper.datanet(s, datanetId);
    if (found.isEmpty()) {
      return new AccessCheck.Refused(
          "unknown_datanet", "no datanet " + datanetId + " on this chain");
    }
    Datanet d = found.get();
    Optional<PublishedVersion> v = keeper.version(s, datanetId, version);
    if (v.isEmpty()) {
      return new AccessCheck.Refused(
          "unknown_datanet_version",
          "datanet '"
              + d.name()
              + "' has no published version "
              + version
              + " (latest: "
              + keeper.tally(s, datanetId).latestVersion()
              + ")");
    }
    if (!v.get().root().equals(root)) {
      return new AccessCheck.Refused(
          "root_mismatch",
          "version "
              + version
              + " of datanet '"
              + d.name()
              + "' has root "
              + v.get().root()
              + ", not "
              + root);
    }
    if (trainer.equals(d.owner())) {
      return new AccessCheck.Granted("owner");
    }
    AccessTerms terms = d.spec().access();
    if (terms.mode() == AccessTerms.Mode.OPEN) {
      return new AccessCheck.Granted("open");
    }
    Optional<AccessGrant> grant = keeper.grant(s, datanetId, trainer);
    if (grant.isPresent()) {
      return new AccessCheck.Granted(
          grant.get().basis() == AccessGrant.Basis.FEE_PAID ? "fee_paid" : "grant");
    }
    return terms.mode() == AccessTerms.Mode.FEE
        ? new AccessCheck.Refused(
            "access_fee_unpaid",
            "datanet '"
                + d.name()
                + "' sells access for "
                + terms.fee()
                + "; "
                + trainer
                + " has not paid it (openledger datanet pay-access "
                + d.id()
                + ")")
        : new AccessCheck.Refused(
            "access_denied",
            "datanet '"
                + d.name()
                + "' is restricted; "
                + trainer
                + " holds no access grant (ask its owner "
                + d.owner()
                + ")");
  }

  /** The content hashes of every contribution on the chain: the blobs a node must keep. */
  public Set<Hash> referencedContent(StateReader s) {
    Set<Hash> out = new HashSet<>();
    keeper.forEachContribution(s, c -> out.add(c.submission().contentHash()));
    return out;
  }

  // ---- invariants ----

  /**
   * The escrow account holds exactly the stakes of pending contributions; every datanet's counters
   * match its contributions, curators and versions; every pending or accepted contribution owns its
   * content hash.
   */
  @Override
  public List<String> checkInvariants(StateReader s) {
    List<String> out = new ArrayList<>();
    Amount[] staked = {Amount.ZERO};
    Map<Hash, long[]> counts = new HashMap<>();
    keeper.forEachContribution(
        s,
        c -> {
          staked[0] = staked[0].plus(c.stake());
          if (c.status() != ContributionStatus.PENDING && !c.stake().isZero()) {
            out.add("decided contribution " + c.id() + " still holds a stake");
          }
          counts.computeIfAbsent(c.datanetId(), k -> new long[3])[c.status().ordinal()]++;
          boolean holds = c.status() != ContributionStatus.REJECTED;
          Optional<Hash> owner =
              keeper.contentOwner(s, c.datanetId(), c.submission().contentHash());
          if (holds && !owner.equals(Optional.of(c.id()))) {
            out.add(
                "contribution " + c.id() + " is " + c.status() + " but does not own its content");
          }
        });
    Amount escrow = bank.account(s, STAKE_ESCROW).balance();
    if (!escrow.equals(staked[0])) {
      out.add(
          "the stake escrow holds " + escrow + " but pending contributions staked " + staked[0]);
    }
    for (Datanet d : keeper.datanets(s)) {
      DatanetTally t = keeper.tally(s, d.id());
      long[] c = counts.getOrDefault(d.id(), new long[3]);
      if (t.pending() != c[0] || t.accepted() != c[1] || t.rejected() != c[2]) {
        out.add(
            "datanet "
                + d.id()
                + " counts "
                + t
                + " but holds pending/accepted/rejected "
                + c[0]
                + "/"
                + c[1]
                + "/"
                + c[2]);
      }
      if (t.curators() != keeper.curators(s, d.id()).size()) {
        out.add(
            "datanet "
                + d.id()
                + " counts "
                + t.curators()
                + " curators but lists "
                + keeper.curators(s, d.id()).size());
      }
      if (t.latestVersion() != keeper.versions(s, d.id()).size()) {
        out.add(
            "datanet "
                + d.id()
                + " is at version "
                + t.latestVersion()
                + " but stores "
                + keeper.versions(s, d.id()).size());
      }
    }
    return out;
  }
}
