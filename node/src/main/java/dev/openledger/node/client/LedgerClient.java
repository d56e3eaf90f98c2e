package dev.openledger.node.client;

import com.fasterxml.jackson.databind.JavaType;
import dev.openledger.core.Hex;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.PublicKey;
import dev.openledger.core.json.Json;
import dev.openledger.ledger.bank.Account;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.block.BlockHeader;
import dev.openledger.ledger.state.StateKey;
import dev.openledger.ledger.state.smt.SmtProof;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.node.api.view.AccountView;
import dev.openledger.node.api.view.BlockView;
import dev.openledger.node.api.view.ErrorView;
import dev.openledger.node.api.view.ProofView;
import dev.openledger.node.api.view.StatusView;
import dev.openledger.node.api.view.SubmitResponse;
import dev.openledger.node.api.view.SupplyView;
import dev.openledger.node.api.view.TxView;
import dev.openledger.node.api.view.Views;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import dev.openledger.node.api.view.ClusterValidatorsView;
import dev.openledger.node.api.view.ClusterView;
import dev.openledger.node.api.view.EvidenceView;
import java.util.Objects;
import java.util.Optional;

/**
 * The node's HTTP API from Java. Thread-safe. Given several node URLs (a cluster's validators), a request
 * that cannot reach one node goes to the next; any validator accepts transactions and forwards them to the
 * leader, so a client keeps working while a minority of validators is down.
 */
public final class LedgerClient {
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final long POLL_MILLIS = 100;

  private final List<URI> bases;
  private final AtomicInteger current = new AtomicInteger();
  private final HttpClient http;

  /** A client of the node at {@code baseUrl}, e.g. {@code http://127.0.0.1:8645}, or of several, comma-separated. */
  public LedgerClient(String baseUrl) {
    this(List.of(baseUrl.split(",")));
  }

  /** A client of several nodes of one chain; requests fail over from an unreachable node to the next. */
  public LedgerClient(List<String> baseUrls) {
    if (baseUrls.isEmpty()) {
      throw new IllegalArgumentException("no node URL given");
    }
    List<URI> uris = new ArrayList<>();
    for (String u : baseUrls) {
      uris.add(parse(u.trim()));
    }
    this.bases = List.copyOf(uris);
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  private static URI parse(String baseUrl) {
    URI base;
    String url = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    try {
      base = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a node URL: '" + baseUrl + "' (expected e.g. http://127.0.0.1:8645)", e);
    }
    if (base.getScheme() == null || !(base.getScheme().equals("http") || base.getScheme().equals("https")) || base.getHost() == null) {
      throw new IllegalArgumentException("not a node URL: '" + baseUrl + "' (expected e.g. http://127.0.0.1:8645)");
    }
    return base;
  }

  /** The node requests go to now (the first reachable one of the list). */
  public URI base() {
    return bases.get(current.get() % bases.size());
  }

  /** Every node this client may use. */
  public List<URI> bases() {
    return bases;
  }

  HttpClient http() {
    return http;
  }

  public StatusView status() {
    return get("/api/status", StatusView.class);
  }

  /** Submits a signed transaction; returns its hash once the node admitted it. */
  public Hash submit(SignedTransaction tx) {
    Optional<SubmitResponse> r =
        send(
            b -> HttpRequest.newBuilder(b.resolve("/api/tx"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(tx.encoded()))
                .build(),
            Json.mapper().constructType(SubmitResponse.class),
            "POST /api/tx");
    return r.orElseThrow().hash();
  }

  /** The transaction's status, or empty when the node knows nothing of it. */
  public Optional<TxView> tx(Hash hash) {
    return getOptional("/api/tx/" + hash.toHex(), TxView.class);
  }

  /** Polls until the transaction is committed or rejected. */
  public TxView awaitFinal(Hash hash, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<TxView> v = tx(hash);
      if (v.isPresent() && (v.get().isCommitted() || v.get().isRejected())) {
        return v.get();
      }
      if (System.nanoTime() > deadline) {
        throw new ClientException.Unreachable("transaction " + hash + " was not committed within " + timeout.toSeconds() + " s", null);
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ClientException.Unreachable("interrupted while waiting for " + hash, e);
      }
    }
  }

  public AccountView account(Address address, boolean withProof) {
    return get("/api/accounts/" + address + (withProof ? "?proof=true" : ""), AccountView.class);
  }

  /**
   * The account, verified: the proof is checked against the state root of the block it names, and that
   * block's header against its hash and the signature of {@code sequencer}.
   *
   * @throws ClientException.VerificationFailed when anything does not verify
   */
  public VerifiedAccount verifiedAccount(Address address, PublicKey sequencer) {
    return verifiedAccount(address, List.of(sequencer));
  }

  /** {@link #verifiedAccount(Address, PublicKey)} for a chain whose blocks any of {@code signers} may sign. */
  public VerifiedAccount verifiedAccount(Address address, List<PublicKey> signers) {
    AccountView view = account(address, true);
    BlockView block = block(view.height());
    verifyHeader(block, signers);
    if (!block.stateRoot().equals(view.stateRoot())) {
      throw new ClientException.VerificationFailed("the account's state root " + view.stateRoot() + " is not block " + block.height() + "'s " + block.stateRoot());
    }
    verifyAccountProof(address, view);
    return new VerifiedAccount(view, block);
  }

  /** Checks an account view's proof against its state root and its balance and nonce against the proven value. */
  public static void verifyAccountProof(Address address, AccountView view) {
    ProofView pv = view.proof();
    if (pv == null) {
      throw new ClientException.VerificationFailed("the node sent no proof");
    }
    StateKey key = new BankModule().accounts().key(address);
    if (!Arrays.equals(key.bytes(), hex(pv.key()))) {
      throw new ClientException.VerificationFailed("the proof is for another key");
    }
    Optional<byte[]> value = Optional.ofNullable(pv.value()).map(LedgerClient::hex);
    Account proven;
    try {
      proven = value.isPresent() ? Account.decode(value.get()) : Account.EMPTY;
    } catch (DecodeException e) {
      throw new ClientException.VerificationFailed("the proven value is not an account: " + e.getMessage());
    }
    if (!proven.balance().equals(view.balance()) || proven.nonce() != view.nonce()) {
      throw new ClientException.VerificationFailed("the reported balance/nonce differ from the proven value " + proven);
    }
    SmtProof proof;
    try {
      proof = Views.proof(pv);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ClientException.VerificationFailed("malformed proof: " + e.getMessage());
    }
    if (!proof.verify(view.stateRoot(), key, value)) {
      throw new ClientException.VerificationFailed("the state proof does not verify against state root " + view.stateRoot());
    }
  }

  /** Recomputes a block view's header hash and checks the sequencer's signature over it. */
  public static BlockHeader verifyHeader(BlockView block, PublicKey sequencer) {
    return verifyHeader(block, List.of(sequencer));
  }

  /** Recomputes a block view's header hash and checks that one of {@code signers} (its proposer) signed it. */
  public static BlockHeader verifyHeader(BlockView block, List<PublicKey> signers) {
    BlockHeader header;
    try {
      header = Views.header(block);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ClientException.VerificationFailed("malformed block header: " + e.getMessage());
    }
    if (!header.hash().equals(block.hash())) {
      throw new ClientException.VerificationFailed("block " + block.height() + "'s fields hash to " + header.hash() + ", not the reported " + block.hash());
    }
    if (!signers.contains(header.proposer()) || !header.verifySignature(block.signature())) {
      throw new ClientException.VerificationFailed("block " + block.height() + " is not signed by " + (signers.size() == 1 ? "the sequencer " + signers.get(0) : "one of the chain's block signers"));
    }
    return header;
  }

  public BlockView block(long height) {
    return get("/api/blocks/" + height, BlockView.class);
  }

  public BlockView latestBlock() {
    return get("/api/blocks/latest", BlockView.class);
  }

  public SupplyView supply() {
    return get("/api/supply", SupplyView.class);
  }

  // ---- plumbing ----

  /**
   * GETs {@code path} (e.g. {@code /api/gov/proposals/1}) and reads the JSON answer as {@code type}; other
   * parts of the program build their typed clients on it.
   *
   * @throws ClientException.ApiError with status 404 when the node knows nothing at that path
   */
  public <T> T get(String path, Class<T> type) {
    return getOptional(path, type).orElseThrow(() -> new ClientException.ApiError(404, "not_found", "GET " + path + ": not found"));
  }

  /** {@code GET /api/cluster} of the current node. */
  public ClusterView cluster() {
    return get("/api/cluster", ClusterView.class);
  }

  /** {@code GET /api/cluster/evidence} of the current node. */
  public List<EvidenceView> evidence() {
    Optional<List<EvidenceView>> r =
        send(b -> HttpRequest.newBuilder(b.resolve("/api/cluster/evidence")).timeout(REQUEST_TIMEOUT).GET().build(),
            Json.mapper().getTypeFactory().constructCollectionType(List.class, EvidenceView.class), "GET /api/cluster/evidence");
    return r.orElseThrow();
  }

  /** {@code GET /api/cluster/validators}: the validator set in the chain's state, with stakes. */
  public ClusterValidatorsView clusterValidators() {
    return get("/api/cluster/validators", ClusterValidatorsView.class);
  }

  <T> Optional<T> getOptional(String path, Class<T> type) {
    try {
      return send(b -> HttpRequest.newBuilder(b.resolve(path)).timeout(REQUEST_TIMEOUT).GET().build(), Json.mapper().constructType(type), "GET " + path);
    } catch (ClientException.ApiError e) {
      if (e.status() == 404 && e.code().equals("not_found")) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Sends one prepared request (to the node its URI names, no failover). */
  <T> Optional<T> send(HttpRequest req, JavaType type, String what) {
    return send(b -> req, type, what, 1);
  }

  /** Sends to the current node; when it cannot be reached, to the next ones in turn. */
  private <T> Optional<T> send(Function<URI, HttpRequest> request, JavaType type, String what) {
    return send(request, type, what, bases.size());
  }

  private <T> Optional<T> send(Function<URI, HttpRequest> request, JavaType type, String what, int attempts) {
    HttpResponse<byte[]> resp = null;
    IOException last = null;
    int start = current.get();
    for (int i = 0; i < attempts && resp == null; i++) {
      int at = (start + i) % bases.size();
      try {
        resp = http.send(request.apply(bases.get(at)), HttpResponse.BodyHandlers.ofByteArray());
        current.set(at);
      } catch (IOException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ClientException.Unreachable("interrupted: " + what, e);
      }
    }
    if (resp == null) {
      throw new ClientException.Unreachable("cannot reach " + (bases.size() == 1 ? "the node at " + bases.get(0) : "any of the nodes " + bases) + " (" + what + "): " + last + "; is `openledger node` running?", last);
    }
    if (resp.statusCode() >= 400) {
      throw apiError(resp.statusCode(), resp.body(), what);
    }
    try {
      return Optional.of(Objects.requireNonNull(Json.mapper().readValue(resp.body(), type)));
    } catch (IOException | NullPointerException e) {
      throw new ClientException.ApiError(resp.statusCode(), "bad_response", what + " answered something this client cannot read: " + e.getMessage());
    }
  }

  /** The error an answer with status 400 or more carries. */
  static ClientException.ApiError apiError(int status, byte[] body, String what) {
    ErrorView err = parseError(body);
    if (err == null) {
      return new ClientException.ApiError(status, "http_" + status, what + " answered HTTP " + status);
    }
    return new ClientException.ApiError(status, err.error().code(), err.error().message());
  }

  private static ErrorView parseError(byte[] body) {
    try {
      return Json.mapper().readValue(body, ErrorView.class);
    } catch (IOException e) {
      return null;
    }
  }

  private static byte[] hex(String s) {
    try {
      return Hex.decode(s);
    } catch (IllegalArgumentException e) {
      throw new ClientException.VerificationFailed("malformed hex in proof: " + e.getMessage());
    }
  }
}
