package dev.openledger.node.demo;

import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.Transaction;
import dev.openledger.node.LedgerNode;
import dev.openledger.node.api.view.StatusView;
import dev.openledger.node.api.view.TxView;
import dev.openledger.node.client.LedgerClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What demo steps share: where to print, the throw-away directory, the running node and a client of
 * it, and named values one step leaves for a later one.
 */
public final class DemoContext {
  private final PrintWriter out;
  private final Path dir;
  private final Map<String, Object> values = new HashMap<>();
  private final DemoSummary summary = new DemoSummary();
  private LedgerNode node;
  private LedgerClient client;

  DemoContext(PrintWriter out, Path dir) {
    this.out = out;
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** The stream the demo prints to (for progress bars, which redraw one line in place). */
  public PrintWriter out() {
    return out;
  }

  /** The closing table every part of the demo adds its columns to. */
  public DemoSummary summary() {
    return summary;
  }

  /** Prints an indented line of the step's report. */
  public void say(String format, Object... args) {
    out.println("   " + String.format(java.util.Locale.ROOT, format, args));
    out.flush();
  }

  public LedgerNode node() {
    return Objects.requireNonNull(node, "the devnet is not started yet");
  }

  public LedgerClient client() {
    return Objects.requireNonNull(client, "the devnet is not started yet");
  }

  void attach(LedgerNode node) {
    this.node = node;
    this.client = new LedgerClient(node.url());
  }

  LedgerNode detach() {
    LedgerNode n = node;
    node = null;
    client = null;
    return n;
  }

  /** A devnet account's (insecure, labelled) key. */
  public KeyPair key(String name) {
    return DevnetGenesis.key(name);
  }

  /** Signs a message from {@code from} with its next nonce and the chain's minimum fee. */
  public SignedTransaction sign(KeyPair from, Message message) {
    StatusView s = client().status();
    long nonce = client().account(from.address(), false).nonce();
    return new Transaction(s.chainId(), from.publicKey(), nonce, s.minFee(), message).sign(from);
  }

  /** Submits over HTTP and waits for the final status. */
  public TxView submitAndWait(SignedTransaction tx) {
    client().submit(tx);
    return client().awaitFinal(tx.hash(), Duration.ofSeconds(30));
  }

  public Amount balance(String name) {
    return client().account(key(name).address(), false).balance();
  }

  public void put(String key, Object value) {
    values.put(key, value);
  }

  public <T> T get(String key, Class<T> type) {
    Object v = values.get(key);
    if (v == null) {
      throw new IllegalStateException(
          "no demo value '" + key + "'; an earlier step should have set it");
    }
    return type.cast(v);
  }

  /** Fails the demo unless {@code condition} holds. */
  public static void expect(boolean condition, String whatWentWrong) {
    if (!condition) {
      throw new DemoFailure(whatWentWrong);
    }
  }
}
