package dev.openledger.node.serving;

import dev.openledger.node.api.ApiException;
import dev.openledger.node.api.MetricsWriter;
import dev.openledger.node.api.RouteModule;
import dev.openledger.node.payment.PaymentViews.ReceiptProofView;
import io.javalin.router.JavalinDefaultRouting;

/**
 * A serving node's receipts with their inclusion proofs, once settled:
 *
 * <pre>
 * GET /api/payments/receipts/{requestId}    the receipt of a response id, the settled root and its audit path
 * </pre>
 *
 * 404 until the receipt's batch is settled (or after the node forgot it: it keeps the latest
 * batches). Anyone can check the answer against the chain with {@code POST
 * /api/payments/batches/{root}/verify}. Metrics: receipts waiting for settlement and calls held in
 * the call journal.
 */
final class ReceiptRoutes implements RouteModule {
  private final UsageSettler settler;
  private final CallJournal journal;

  ReceiptRoutes(UsageSettler settler, CallJournal journal) {
    this.settler = settler;
    this.journal = journal;
  }

  @Override
  public void metrics(MetricsWriter out) {
    out.metric(
        "openledger_serving_unsettled_receipts",
        "gauge",
        "Receipts charged and not yet settled on chain (the provider's claim in waiting).",
        settler.pending());
    out.metric(
        "openledger_serving_journal_calls",
        "gauge",
        "Charged calls held in the call journal (unsettled or not yet attributed).",
        journal.size());
    out.metric(
        "openledger_serving_journal_written_total",
        "counter",
        "Charged calls this process appended to the call journal and fsynced.",
        journal.written());
  }

  @Override
  public void routes(JavalinDefaultRouting r) {
    r.get(
        "/api/payments/receipts/{requestId}",
        ctx -> {
          String id = ctx.pathParam("requestId");
          var p =
              settler
                  .proof(id)
                  .orElseThrow(
                      () ->
                          ApiException.notFound(
                              "no settled receipt for request "
                                  + id
                                  + " on this node (not settled yet, or too old)"));
          ctx.json(ReceiptProofView.of(p.receipt(), p.root(), p.proof(), p.height()));
        });
  }
}
