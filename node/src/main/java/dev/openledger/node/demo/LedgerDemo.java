package dev.openledger.node.demo;

import static dev.openledger.node.demo.DemoContext.expect;

import dev.openledger.core.Hex;
import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.bank.Account;
import dev.openledger.ledger.engine.ChainVerifier;
import dev.openledger.ledger.genesis.ChainParams;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.genesis.GenesisFile;
import dev.openledger.ledger.genesis.GenesisFile.GenesisJson;
import dev.openledger.ledger.msg.Burn;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.Transaction;
import dev.openledger.ledger.tx.TxCodec;
import dev.openledger.node.LedgerNode;
import dev.openledger.node.api.view.AccountView;
import dev.openledger.node.api.view.ProofView;
import dev.openledger.node.api.view.StatusView;
import dev.openledger.node.api.view.SupplyView;
import dev.openledger.node.api.view.TxView;
import dev.openledger.node.client.ClientException;
import dev.openledger.node.client.LedgerClient;
import dev.openledger.node.client.VerifiedAccount;
import dev.openledger.node.home.NodeConfig;
import dev.openledger.node.home.NodeHome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ledger's part of the demo: a devnet, transfers, a burn, refused transactions, proofs, a
 * replay.
 */
public final class LedgerDemo {
  /** The demo's devnet closes blocks every 200 ms so that it runs quickly. */
  static final long BLOCK_TIME_MS = 200;

  private LedgerDemo() {}

  public static List<DemoStep> steps() {
    return List.of(
        DemoStep.of("Start a throw-away devnet", LedgerDemo::startDevnet),
        DemoStep.of("The genesis allocation: 1,000,000,000 OPEN", LedgerDemo::genesisAllocation),
        DemoStep.of("Alice pays Bob 250 OPEN", LedgerDemo::aliceToBob),
        DemoStep.of("Four accounts transfer at the same time", LedgerDemo::concurrentTransfers),
        DemoStep.of("Carol burns 25 OPEN", LedgerDemo::burn),
        DemoStep.of("Invalid transactions are refused, each with its reason", LedgerDemo::refusals),
        DemoStep.of("Balances are verified with state proofs", LedgerDemo::proofs),
        DemoStep.of("Anyone can replay the chain from genesis", LedgerDemo::replay));
  }

  private static void startDevnet(DemoContext ctx) {
    NodeHome home = NodeHome.at(ctx.dir().resolve("node"));
    ChainParams d = ChainParams.devnet();
    ChainParams params =
        new ChainParams(BLOCK_TIME_MS, false, d.maxTxBytes(), d.maxBlockTxs(), d.minFee());
    NodeConfig config = new NodeConfig(NodeConfig.DEFAULT_HOST, 0);
    GenesisJson json = DevnetGenesis.json(params);
    EconomyDemo.adjustGenesis(json);
    ServingDemo.adjustGenesis(json);
    Genesis genesis = home.init(GenesisFile.write(json), config).orElseThrow();
    LedgerNode node =
        LedgerNode.start(home, genesis, DevnetGenesis.sequencerKey(), config, List.of());
    ctx.attach(node);
    ctx.put("home", home);
    ctx.put("genesis", genesis);
    StatusView s = ctx.client().status();
    ctx.say("chain %s, genesis %s…, block %d", s.chainId(), s.genesisHash().shortHex(), s.height());
    ctx.say("node API on %s (RocksDB in a temporary directory)", node.url());
    ctx.say("a block every %d ms; minimum fee %s", s.blockTimeMs(), s.minFee());
  }

  private static void genesisAllocation(DemoContext ctx) {
    SupplyView s = ctx.client().supply();
    expect(
        s.total().equals(Amount.MAX_SUPPLY),
        "the genesis supply is " + s.total() + ", not 1,000,000,000 OPEN");
    ctx.say("%-12s %22s  %s", "pool", "OPEN", "share");
    for (Map.Entry<String, Amount> e : s.moduleAccounts().entrySet()) {
      ctx.say(
          "%-12s %22s  %6.2f%%",
          e.getKey(),
          e.getValue().toPlainString(),
          100.0 * e.getValue().nano() / Amount.MAX_SUPPLY.nano());
    }
    for (String name : DevnetGenesis.ACCOUNTS) {
      ctx.say(
          "%-12s %22s  (devnet account, INSECURE labelled key)",
          name, ctx.balance(name).toPlainString());
    }
    ctx.say(
        "allocation pools are module accounts no key controls; what has not vested yet waits in the vesting account");
  }

  private static void aliceToBob(DemoContext ctx) {
    SignedTransaction tx =
        ctx.sign(ctx.key("alice"), new Transfer(ctx.key("bob").address(), Amount.ofOpen(250)));
    TxView v = ctx.submitAndWait(tx);
    expect(
        v.isCommitted() && "ok".equals(v.code()),
        "the transfer did not commit: " + v.status() + " " + v.code() + " " + v.message());
    ctx.say(
        "tx %s… committed in block %d, fee %s (to the treasury and the staking rewards reserve)",
        tx.hash().shortHex(), v.height(), v.feeCharged());
    ctx.say("alice %s, bob %s", ctx.balance("alice"), ctx.balance("bob"));
    ctx.put("alice-to-bob", tx);
  }

  private static void concurrentTransfers(DemoContext ctx) {
    List<SignedTransaction> txs = new ArrayList<>();
    txs.add(ctx.sign(ctx.key("bob"), new Transfer(ctx.key("carol").address(), Amount.ofOpen(100))));
    txs.add(ctx.sign(ctx.key("carol"), new Transfer(ctx.key("dave").address(), Amount.ofOpen(40))));
    txs.add(ctx.sign(ctx.key("dave"), new Transfer(ctx.key("alice").address(), Amount.ofOpen(10))));
    txs.add(
        ctx.sign(ctx.key("alice"), new Transfer(ctx.key("carol").address(), Amount.parse("5.5"))));
    for (SignedTransaction tx : txs) {
      ctx.client().submit(tx);
    }
    for (SignedTransaction tx : txs) {
      TxView v = ctx.client().awaitFinal(tx.hash(), Duration.ofSeconds(30));
      expect(
          v.isCommitted() && "ok".equals(v.code()),
          "transfer " + tx.hash() + " did not commit: " + v.code() + " " + v.message());
      Transfer t = (Transfer) tx.body().message();
      ctx.say(
          "%-5s -> %-5s %8s OPEN  block %d",
          name(ctx, tx.sender()), name(ctx, t.to()), t.amount().toPlainString(), v.height());
    }
    for (String n : DevnetGenesis.ACCOUNTS) {
      ctx.say("%-5s now holds %s", n, ctx.balance(n));
    }
  }

  private static void burn(DemoContext ctx) {
    SupplyView before = ctx.client().supply();
    TxView v = ctx.submitAndWait(ctx.sign(ctx.key("carol"), new Burn(Amount.ofOpen(25))));
    expect(
        v.isCommitted() && "ok".equals(v.code()),
        "the burn did not commit: " + v.code() + " " + v.message());
    SupplyView after = ctx.client().supply();
    expect(
        after.burned().equals(before.burned().plus(Amount.ofOpen(25))),
        "burned did not grow by 25 OPEN");
    expect(
        after.total().equals(before.total().minus(Amount.ofOpen(25))),
        "the total supply did not shrink by 25 OPEN");
    ctx.say("total supply %s -> %s (burned %s)", before.total(), after.total(), after.burned());
    ctx.say("treasury holds %s in fees so far", after.treasury());
  }

  private static void refusals(DemoContext ctx) {
    LedgerClient client = ctx.client();
    StatusView s = client.status();
    KeyPair alice = ctx.key("alice");
    Address bob = ctx.key("bob").address();

    SignedTransaction replay = ctx.get("alice-to-bob", SignedTransaction.class);
    expectRefused(
        ctx, client, replay, "bad_nonce", "the alice -> bob transfer sent again (a replay)");

    SignedTransaction good = ctx.sign(alice, new Transfer(bob, Amount.ofOpen(1)));
    byte[] tampered = good.encoded();
    tampered[tampered.length - 1] ^= 0x01;
    expectRefused(
        ctx,
        client,
        TxCodec.decode(tampered).orElseThrow(),
        "bad_signature",
        "a transfer whose signature was altered");

    long nonce = client.account(alice.address(), false).nonce();
    Message one = new Transfer(bob, Amount.ofOpen(1));
    expectRefused(
        ctx,
        client,
        new Transaction("openledger-testnet", alice.publicKey(), nonce, s.minFee(), one)
            .sign(alice),
        "wrong_chain",
        "a transfer signed for another chain");
    expectRefused(
        ctx,
        client,
        new Transaction(s.chainId(), alice.publicKey(), nonce, Amount.ZERO, one).sign(alice),
        "fee_too_low",
        "a transfer offering no fee");
    expectRefused(
        ctx,
        client,
        new Transaction(s.chainId(), alice.publicKey(), nonce + 50_000, s.minFee(), one)
            .sign(alice),
        "bad_nonce",
        "a transfer with a nonce far in the future");

    Amount daveBefore = ctx.balance("dave");
    TxView v =
        ctx.submitAndWait(ctx.sign(ctx.key("dave"), new Transfer(bob, Amount.ofOpen(5_000_000))));
    expect(
        v.isCommitted() && "insufficient_funds".equals(v.code()),
        "dave's overdraft should be included and fail: " + v.code());
    expect(
        ctx.balance("dave").equals(daveBefore.minus(v.feeCharged())),
        "dave should have paid exactly the fee");
    ctx.say(
        "%-44s included in block %d, failed: %s; fee %s charged, nonce used",
        "dave sends 5,000,000 OPEN he does not have:", v.height(), v.code(), v.feeCharged());
  }

  private static void expectRefused(
      DemoContext ctx, LedgerClient client, SignedTransaction tx, String code, String what) {
    try {
      client.submit(tx);
    } catch (ClientException.ApiError e) {
      expect(
          e.code().equals(code),
          what + ": expected " + code + ", got " + e.code() + " (" + e.getMessage() + ")");
      ctx.say("%-44s refused: HTTP %d %s", what + ":", e.status(), e.code());
      return;
    }
    throw new DemoFailure(what + " was accepted; expected " + code);
  }

  private static void proofs(DemoContext ctx) {
    LedgerClient client = ctx.client();
    StatusView s = client.status();
    Address bob = ctx.key("bob").address();
    VerifiedAccount v = client.verifiedAccount(bob, s.sequencer());
    ctx.say("bob: %s, nonce %d", v.account().balance(), v.account().nonce());
    ctx.say(
        "  proof of %d sibling hashes verified against state root %s… of block %d (block hash and signature checked)",
        v.account().proof().siblings().size(),
        v.block().stateRoot().shortHex(),
        v.block().height());

    Address nobody = KeyPair.insecureFromLabel("demo-nobody").address();
    VerifiedAccount absent = client.verifiedAccount(nobody, s.sequencer());
    expect(
        absent.account().proof().value() == null, "an unused address should have an absence proof");
    ctx.say("an address never used: the proof shows it is absent from the state (balance 0)");

    // A node lying about the balance must also forge the proven value, and then the Merkle path
    // fails.
    AccountView real = v.account();
    Account inflated = new Account(real.balance().plus(Amount.ofNano(1)), real.nonce());
    ProofView p = real.proof();
    ProofView forgedProof =
        new ProofView(p.key(), Hex.encode(inflated.encode()), p.siblings(), p.terminal());
    AccountView forged =
        new AccountView(
            bob, inflated.balance(), real.nonce(), real.height(), real.stateRoot(), forgedProof);
    try {
      LedgerClient.verifyAccountProof(bob, forged);
      throw new DemoFailure("a balance altered by 1 nano-OPEN passed verification");
    } catch (ClientException.VerificationFailed e) {
      ctx.say(
          "bob's balance and proven value altered by 1 nano-OPEN: rejected (%s)", e.getMessage());
    }
  }

  private static void replay(DemoContext ctx) {
    LedgerNode node = ctx.node();
    Result<ChainVerifier.Report> r = ChainVerifier.verify(node.store(), node.engine().chain());
    expect(
        r.isOk(),
        "replay failed: " + (r instanceof Result.Err<ChainVerifier.Report> e ? e.message() : ""));
    ChainVerifier.Report report = r.orElseThrow();
    ctx.say(
        "re-executed blocks 0..%d from the genesis file: every tx root, receipt root and state root matches",
        report.height());
    ctx.say(
        "final state root %s…; sum of all balances = total supply, to the nano-OPEN",
        report.finalStateRoot().shortHex());
  }

  private static String name(DemoContext ctx, Address a) {
    for (String n : DevnetGenesis.ACCOUNTS) {
      if (ctx.key(n).address().equals(a)) {
        return n;
      }
    }
    return a.toString();
  }
}
