package dev.openledger.node.payment;

import dev.openledger.core.Result;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.json.Json;
import dev.openledger.core.money.Amount;
import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.ledger.engine.LedgerEngine;
import dev.openledger.ledger.engine.StateSnapshot;
import dev.openledger.ledger.payment.Channel;
import dev.openledger.ledger.payment.PaymentModule;
import dev.openledger.ledger.payment.ProvenReceipt;
import dev.openledger.node.api.ApiException;
import dev.openledger.node.api.Params;
import dev.openledger.node.api.RouteModule;
import dev.openledger.node.payment.PaymentViews.BatchListView;
import dev.openledger.node.payment.PaymentViews.BatchView;
import dev.openledger.node.payment.PaymentViews.ChannelListView;
import dev.openledger.node.payment.PaymentViews.ChannelView;
import dev.openledger.node.payment.PaymentViews.KeyView;
import dev.openledger.node.payment.PaymentViews.ReceiptCheckRequest;
import dev.openledger.node.payment.PaymentViews.ReceiptCheckView;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.io.IOException;
import java.util.List;

/**
 * The payment module's routes (read side; writes are signed transactions to {@code POST /api/tx}).
 *
 * <pre>
 * GET  /api/payment/params                          the module's parameters (what {@code gov propose --param payment.…} edits)
 * GET  /api/payments/channels?account=ADDR          channels the account pays for or serves
 * GET  /api/payments/channels?payer=ADDR&amp;provider=ADDR   the payer's active channel to the provider
 * GET  /api/payments/channels/{id}                  one channel
 * GET  /api/payments/keys/{keyHash}                 the account an API key's SHA-256 is bound to
 * GET  /api/payments/batches[?offset=N&amp;limit=N]     settled batches, newest first (limit ≤ 1000, default 50)
 * GET  /api/payments/batches/{root}                 one settled batch
 * POST /api/payments/batches/{root}/verify          {"receipt": hex, "proof": {...}}: the chain's check of a receipt against the batch
 * </pre>
 */
public final class PaymentRoutes implements RouteModule {
  private final LedgerEngine engine;
  private final PaymentModule payments;

  public PaymentRoutes(LedgerEngine engine) {
    this.engine = engine;
    this.payments = engine.chain().module(PaymentModule.class);
  }

  @Override
  public void routes(JavalinDefaultRouting r) {
    r.get("/api/payment/params", ctx -> ctx.json(payments.params(engine.reader().snapshot())));
    r.get("/api/payments/channels", this::channels);
    r.get("/api/payments/channels/{id}", this::channel);
    r.get("/api/payments/keys/{keyHash}", this::key);
    r.get("/api/payments/batches", this::batches);
    r.get("/api/payments/batches/{root}", this::batch);
    r.post("/api/payments/batches/{root}/verify", this::verify);
  }

  private void channels(Context ctx) {
    StateSnapshot s = engine.reader().snapshot();
    String account = ctx.queryParam("account");
    String payer = ctx.queryParam("payer");
    String provider = ctx.queryParam("provider");
    List<Channel> found;
    if (account != null && payer == null && provider == null) {
      found = payments.channelsOf(s, Params.address(account));
    } else if (account == null && payer != null && provider != null) {
      found =
          payments
              .keeper()
              .activeChannel(s, Params.address(payer), Params.address(provider))
              .stream()
              .toList();
    } else {
      throw ApiException.badRequest(
          "bad_query", "ask for ?account=ADDR, or ?payer=ADDR&provider=ADDR");
    }
    ctx.json(
        new ChannelListView(
            s.header().header().height(),
            payments.params(s),
            found.stream().map(ChannelView::of).toList()));
  }

  private void channel(Context ctx) {
    Hash id = Params.hash(ctx.pathParam("id"));
    Channel c =
        payments
            .channel(engine.reader().snapshot(), id)
            .orElseThrow(() -> ApiException.notFound("no payment channel " + id));
    ctx.json(ChannelView.of(c));
  }

  private void key(Context ctx) {
    Hash h = Params.hash(ctx.pathParam("keyHash"));
    Address a =
        payments
            .keyAccount(engine.reader().snapshot(), h)
            .orElseThrow(
                () -> ApiException.notFound("no account has bound the key " + h.shortHex()));
    ctx.json(new KeyView(h, a));
  }

  private void batches(Context ctx) {
    StateSnapshot s = engine.reader().snapshot();
    long offset =
        ctx.queryParam("offset") == null
            ? 0
            : Params.nonNegativeLong(ctx.queryParam("offset"), "offset");
    long limit =
        ctx.queryParam("limit") == null
            ? 50
            : Params.nonNegativeLong(ctx.queryParam("limit"), "limit");
    if (limit > 1000) {
      throw ApiException.badRequest("bad_limit", "limit must be at most 1000, got " + limit);
    }
    List<BatchView> list =
        payments.batches(s, offset, (int) limit).stream().map(BatchView::of).toList();
    ctx.json(
        new BatchListView(s.header().header().height(), payments.keeper().batchCount(s), list));
  }

  private void batch(Context ctx) {
    Hash root = Params.hash(ctx.pathParam("root"));
    ctx.json(
        BatchView.of(
            payments
                .batch(engine.reader().snapshot(), root)
                .orElseThrow(
                    () -> ApiException.notFound("no batch with root " + root + " is settled"))));
  }

  private void verify(Context ctx) {
    Hash root = Params.hash(ctx.pathParam("root"));
    ReceiptCheckRequest req;
    SignedReceipt receipt;
    try {
      req = Json.mapper().readValue(ctx.bodyAsBytes(), ReceiptCheckRequest.class);
      if (req == null || req.receipt() == null || req.proof() == null) {
        throw ApiException.badRequest(
            "bad_body",
            "the body is {\"receipt\": HEX, \"proof\": {\"index\", \"treeSize\", \"path\"}}");
      }
      receipt = SignedReceipt.fromHex(req.receipt());
    } catch (IOException e) {
      throw ApiException.badRequest(
          "bad_body",
          "the body is {\"receipt\": HEX, \"proof\": {\"index\", \"treeSize\", \"path\"}}: "
              + firstLine(e.getMessage()));
    } catch (DecodeException e) {
      throw ApiException.badRequest(
          "bad_receipt", "the receipt does not decode: " + e.getMessage());
    }
    Result<ProvenReceipt> r =
        payments.proveReceipt(engine.reader().snapshot(), root, receipt, req.proof());
    if (r instanceof Result.Err<ProvenReceipt> err) {
      ctx.json(
          new ReceiptCheckView(
              root, false, err.code(), err.message(), receipt.receipt(), 0, Amount.ZERO));
      return;
    }
    ProvenReceipt p = r.orElseThrow();
    Amount part = receipt.receipt().charge().mulDiv(p.batch().contributorsBps(), 10_000);
    ctx.json(
        new ReceiptCheckView(
            root,
            true,
            "ok",
            "the receipt is in the settled batch",
            receipt.receipt(),
            p.model().version(),
            part));
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
