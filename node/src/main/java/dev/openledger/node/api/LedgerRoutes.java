package dev.openledger.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.core.Hex;
import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.PublicKey;
import dev.openledger.core.json.Json;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.block.Block;
import dev.openledger.ledger.block.BlockResults;
import dev.openledger.ledger.engine.Admission;
import dev.openledger.ledger.engine.EngineMetrics;
import dev.openledger.ledger.engine.LedgerEngine;
import dev.openledger.ledger.engine.StateSnapshot;
import dev.openledger.ledger.engine.TxStatus;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.state.StateKey;
import dev.openledger.ledger.store.LedgerStore.SignedHeader;
import dev.openledger.ledger.tx.Rejection;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.TxCodec;
import dev.openledger.node.Version;
import dev.openledger.node.api.view.ClusterView;
import dev.openledger.node.api.view.ProofView;
import dev.openledger.node.api.view.StatusView;
import dev.openledger.node.api.view.SubmitRequest;
import dev.openledger.node.api.view.SubmitResponse;
import dev.openledger.node.api.view.TxView;
import dev.openledger.node.api.view.Views;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The chain's routes.
 *
 * <pre>
 * POST /api/tx                 202 {"hash"} | 400/415/429 error
 * GET  /api/tx/{hash}          status pending | committed | rejected, with receipt when committed
 * GET  /api/accounts/{addr}    balance, nonce; ?proof=true adds a state proof; ?height=N reads an old block
 * GET  /api/blocks/latest      the latest block
 * GET  /api/blocks/{height}    a block
 * GET  /api/supply             initial, burned, total, treasury, module accounts, circulating
 * GET  /api/status             chain id, height, parameters
 * </pre>
 */
public final class LedgerRoutes implements RouteModule {
  private static final long ADMISSION_TIMEOUT_SECONDS = 30;

  private final LedgerEngine engine;
  private final BankModule bank;
  private final TxGate gate;
  private final Supplier<List<PublicKey>> blockSigners;
  private final Supplier<Optional<ClusterView>> cluster;

  /** The routes of a single-sequencer node. */
  public LedgerRoutes(LedgerEngine engine) {
    this(engine, TxGate.NONE);
  }

  /**
   * The chain's routes; {@code gate} may refuse a decoded transaction before it reaches the engine.
   */
  public LedgerRoutes(LedgerEngine engine, TxGate gate) {
    this(engine, gate, () -> List.of(engine.chain().genesis().sequencer()), Optional::empty);
  }

  /**
   * The routes of a node whose blocks may be signed by other keys (a cluster's validators).
   *
   * @param gate may refuse a decoded transaction before it reaches the engine
   * @param blockSigners every key a stored block may be signed by
   * @param cluster the replication state for {@code /api/status}
   */
  public LedgerRoutes(
      LedgerEngine engine,
      TxGate gate,
      Supplier<List<PublicKey>> blockSigners,
      Supplier<Optional<ClusterView>> cluster) {
    this.engine = engine;
    this.bank = engine.chain().bank();
    this.gate = gate;
    this.blockSigners = blockSigners;
    this.cluster = cluster;
  }

  @Override
  public void routes(JavalinDefaultRouting r) {
    r.post("/api/tx", this::submit);
    r.get("/api/tx/{hash}", this::tx);
    r.get("/api/accounts/{address}", this::account);
    r.get("/api/blocks/latest", ctx -> block(ctx, engine.reader().height()));
    r.get(
        "/api/blocks/{height}",
        ctx -> block(ctx, Params.nonNegativeLong(ctx.pathParam("height"), "height")));
    r.get("/api/supply", this::supply);
    r.get("/api/status", this::status);
  }

  private void submit(Context ctx) {
    SignedTransaction tx = decode(body(ctx));
    gate.admit(tx);
    Admission admission;
    try {
      admission = engine.submit(tx).get(ADMISSION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(503, Rejection.UNAVAILABLE.code(), "the node is shutting down");
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("admission of " + tx.hash() + " failed", e);
    }
    if (admission instanceof Admission.Refused refused) {
      int status =
          refused.code().equals(Rejection.MEMPOOL_FULL.code())
              ? 429
              : refused.code().equals(Rejection.UNAVAILABLE.code()) ? 503 : 400;
      throw new ApiException(status, refused.code(), refused.message());
    }
    ctx.status(202).json(new SubmitResponse(tx.hash()));
  }

  /**
   * The signed transaction's bytes: raw for {@code application/octet-stream}, hex in {@code {"tx"}}
   * for JSON.
   */
  private static byte[] body(Context ctx) {
    String type =
        ctx.contentType() == null
            ? ""
            : ctx.contentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
    byte[] body = ctx.bodyAsBytes();
    byte[] raw;
    if (type.equals("application/octet-stream")) {
      raw = body;
    } else if (type.equals("application/json")) {
      SubmitRequest req = parseSubmitRequest(body);
      try {
        raw = Hex.decode(req.tx());
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(
            Rejection.MALFORMED.code(), "\"tx\" is not hex: " + e.getMessage());
      }
    } else {
      throw new ApiException(
          415,
          "unsupported_media_type",
          "send the transaction as application/octet-stream (raw bytes) or application/json ({\"tx\": \"<hex>\"})");
    }
    if (raw.length == 0) {
      throw ApiException.badRequest(Rejection.MALFORMED.code(), "the transaction is empty");
    }
    return raw;
  }

  /** {@code {"tx": "<hex>"}} and nothing else: the value must be a JSON string. */
  private static SubmitRequest parseSubmitRequest(byte[] body) {
    JsonNode node;
    try {
      node = Json.mapper().readTree(body);
    } catch (IOException e) {
      throw ApiException.badRequest(
          "malformed_json", "the body is not JSON: " + Params.firstLine(e.getMessage()));
    }
    if (node == null
        || !node.isObject()
        || node.size() != 1
        || !node.has("tx")
        || !node.get("tx").isTextual()) {
      throw ApiException.badRequest(
          "malformed_json", "the body must be {\"tx\": \"<signed transaction in hex>\"}");
    }
    return new SubmitRequest(node.get("tx").asText());
  }

  private SignedTransaction decode(byte[] raw) {
    int max = engine.chain().genesis().params().maxTxBytes();
    if (raw.length > max) {
      throw ApiException.badRequest(
          Rejection.TOO_LARGE.code(),
          "transaction is " + raw.length + " bytes; this chain accepts at most " + max);
    }
    Result<SignedTransaction> decoded = TxCodec.decode(raw);
    if (decoded instanceof Result.Err<SignedTransaction> err) {
      throw ApiException.badRequest(err.code(), err.message());
    }
    return decoded.orElseThrow();
  }

  private void tx(Context ctx) {
    Hash hash = Params.hash(ctx.pathParam("hash"));
    TxStatus status =
        engine
            .status(hash)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "no transaction " + hash + " is pending, committed or recently rejected"));
    TxView view;
    if (status instanceof TxStatus.Committed c) {
      view = Views.committed(c.tx());
    } else if (status instanceof TxStatus.Rejected r) {
      view = Views.rejected(hash, r.code(), r.message());
    } else {
      view = Views.pending(hash);
    }
    ctx.json(view);
  }

  private void account(Context ctx) {
    Address address = Params.address(ctx.pathParam("address"));
    boolean proof = Params.bool(ctx.queryParam("proof"), "proof");
    String heightParam = ctx.queryParam("height");
    StateSnapshot snap =
        heightParam == null
            ? engine.reader().snapshot()
            : engine
                .reader()
                .snapshot(Params.nonNegativeLong(heightParam, "height"))
                .orElseThrow(() -> ApiException.notFound("no block at height " + heightParam));
    Optional<ProofView> proofView = Optional.empty();
    if (proof) {
      StateKey key = bank.accounts().key(address);
      proofView = Optional.of(Views.proof(key, snap.get(key), snap.prove(key)));
    }
    ctx.json(Views.account(address, bank.account(snap, address), snap.header(), proofView));
  }

  private void block(Context ctx, long height) {
    Block block =
        engine
            .reader()
            .block(height)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "no block at height "
                            + height
                            + " (latest is "
                            + engine.reader().height()
                            + ")"));
    BlockResults results = engine.reader().results(height).orElseThrow();
    ctx.json(Views.block(block, results.blockEvents()));
  }

  private void supply(Context ctx) {
    StateSnapshot snap = engine.reader().snapshot();
    ctx.json(Views.supply(snap.header().header().height(), bank.supplyReport(snap)));
  }

  private void status(Context ctx) {
    Genesis g = engine.chain().genesis();
    SignedHeader head = engine.reader().latestHeader();
    ctx.json(
        new StatusView(
            g.chainId(),
            g.hash(),
            g.sequencer(),
            head.header().height(),
            head.header().hash(),
            Instant.ofEpochMilli(head.header().timeMillis()).toString(),
            engine.metrics().mempoolSize(),
            engine.isRunning(),
            g.params().blockTimeMs(),
            g.params().minFee(),
            g.params().maxTxBytes(),
            Version.VERSION,
            blockSigners.get(),
            cluster.get()));
  }

  @Override
  public void metrics(MetricsWriter out) {
    EngineMetrics m = engine.metrics();
    out.metric("openledger_block_height", "gauge", "Latest committed block height.", m.height())
        .metric(
            "openledger_mempool_transactions",
            "gauge",
            "Transactions waiting for a block.",
            m.mempoolSize())
        .metric(
            "openledger_blocks_produced_total",
            "counter",
            "Blocks this node produced since it started.",
            m.blocksProduced())
        .metric(
            "openledger_transactions_committed_total",
            "counter",
            "Transactions included in blocks since start.",
            m.txsCommitted())
        .metric(
            "openledger_transactions_failed_total",
            "counter",
            "Included transactions whose message failed (fee charged).",
            m.txsFailed())
        .metric(
            "openledger_transactions_dropped_total",
            "counter",
            "Admitted transactions dropped when their block was built.",
            m.txsDropped())
        .labelled(
            "openledger_transactions_refused_total",
            "counter",
            "Submissions refused before ordering, by reason.",
            "code",
            Map.copyOf(m.refusedByCode()))
        .metric(
            "openledger_last_block_build_milliseconds",
            "gauge",
            "Time to build, sign and store the latest block.",
            m.lastBlockMillis())
        .metric(
            "openledger_engine_running",
            "gauge",
            "1 while the engine produces blocks.",
            engine.isRunning() ? 1 : 0);
  }
}
