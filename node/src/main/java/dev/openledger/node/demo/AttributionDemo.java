package dev.openledger.node.demo;

import static dev.openledger.node.demo.DemoContext.expect;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.attribution.AttributionModule;
import dev.openledger.ledger.attribution.InferenceAttribution;
import dev.openledger.ledger.bank.FeeSplit;
import dev.openledger.ledger.engine.StateSnapshot;
import dev.openledger.ledger.payment.PaymentModule;
import dev.openledger.node.attribution.AttributionViews.AttributionView;
import dev.openledger.node.attribution.AttributionViews.ContributorView;
import dev.openledger.node.attribution.AttributionViews.OnChainView;
import dev.openledger.node.attribution.AttributionViews.PayoutView;
import dev.openledger.node.attribution.AttributionViews.RecordView;
import dev.openledger.node.attribution.AttributionViews.RowView;
import dev.openledger.node.attribution.AttributionViews.SpanView;
import dev.openledger.node.attribution.AttributionViews.VerifyView;
import dev.openledger.node.client.AttributionClient;
import dev.openledger.node.client.InferenceClient;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Proof of Attribution after the serving steps: every paid answer was attributed by dave's node as
 * it was served and, once its batch settled, paid on chain by {@code attribution/attribute}; each
 * attribution is explained (the contributors, their top rows and verbatim spans) and recomputed by
 * {@code attribution verify}; the contributors' earnings fill their column of the summary table.
 */
public final class AttributionDemo {
  private AttributionDemo() {}

  public static List<DemoStep> steps() {
    return List.of(
        DemoStep.of(
            "Dave's node attributed every paid answer and, once the batch settled, paid its contributors on chain",
            AttributionDemo::attributed),
        DemoStep.of(
            "Why they earned: the top training rows and verbatim spans behind each answer",
            AttributionDemo::explain),
        DemoStep.of(
            "Anyone can recompute an attribution: attribution verify on every answer",
            AttributionDemo::verify),
        DemoStep.of(
            "What each contributor earned, per answer and in total", AttributionDemo::earned));
  }

  @SuppressWarnings("unchecked")
  private static List<InferenceClient.Answer> answers(DemoContext ctx) {
    return ctx.get("answers", List.class);
  }

  private static void attributed(DemoContext ctx) throws InterruptedException {
    ctx.node().attribution().awaitIdle(2, TimeUnit.MINUTES);
    AttributionModule module = ctx.node().engine().chain().module(AttributionModule.class);
    PaymentModule payments = ctx.node().engine().chain().module(PaymentModule.class);
    Amount pool = Amount.ZERO;
    Amount toContributors = Amount.ZERO;
    Set<String> splits = new TreeSet<>();
    for (InferenceClient.Answer a : answers(ctx)) {
      StateSnapshot s = ctx.node().engine().reader().snapshot();
      List<InferenceAttribution> onChain = module.byRequest(s, a.id());
      expect(
          onChain.size() == 1,
          "the answer "
              + a.id()
              + " was not attributed on chain: "
              + ctx.node().attribution().status(a.id()).orElse("no record"));
      InferenceAttribution x = onChain.get(0);
      // the contributors' part is taken at the split in force when the batch settled (governance
      // changed it earlier in the demo)
      int bps = payments.batch(s, x.root()).orElseThrow().contributorsBps();
      expect(
          x.pool().equals(x.charge().mulDiv(bps, FeeSplit.TOTAL_BPS)),
          "the contributors' part of "
              + a.id()
              + " is "
              + x.pool()
              + ", not floor("
              + x.charge()
              + " x "
              + bps
              + " / 10000)");
      splits.add(percent(bps));
      pool = pool.plus(x.pool());
      toContributors = toContributors.plus(x.paidToContributors());
      ctx.say(
          "%s: charge %s OPEN -> contributors' part %s OPEN (block %d): %s OPEN to %d contributors, %s OPEN to the treasury (dust, unallocated)",
          a.id(),
          x.charge().toPlainString(),
          x.pool().toPlainString(),
          x.height(),
          x.paidToContributors().toPlainString(),
          x.payouts().stream().filter(p -> !p.paid().isZero()).count(),
          x.treasury().toPlainString());
    }
    ctx.say(
        "attribution/attribute, signed by dave: the receipt and its proof against the settled root, the result hash and the integer shares; "
            + "the chain checked the receipt and paid exactly floor(charge x %s) per answer (the contributors' share when the batch settled), once",
        String.join(" or ", splits));
    ctx.say(
        "in all %s OPEN of the attribution pool paid out, %s OPEN of it to contributors; the pool still holds %s OPEN (rounding left by the batch "
            + "split; swept to the treasury after the timeout)",
        pool.toPlainString(),
        toContributors.toPlainString(),
        ctx.node()
            .engine()
            .chain()
            .bank()
            .account(ctx.node().engine().reader().snapshot(), PaymentModule.ATTRIBUTION_POOL)
            .balance()
            .toPlainString());
    ctx.put("attributedPool", pool);
  }

  private static void explain(DemoContext ctx) {
    AttributionClient client = new AttributionClient(ctx.client());
    for (InferenceClient.Answer a : answers(ctx)) {
      AttributionView v = client.show(a.id()).orElseThrow();
      RecordView r =
          v.record().orElseThrow(() -> new DemoFailure("dave's node keeps no record of " + a.id()));
      StringBuilder who = new StringBuilder();
      for (ContributorView c : r.contributors()) {
        who.append(
            String.format(
                Locale.ROOT,
                "%s %.1f%%, ",
                ServingDemo.name(ctx, c.contributor()),
                100 * c.share()));
      }
      ctx.say(
          "%s \"%s\": %s(%s; %.0f%% of the pool by verbatim spans)",
          a.id(), oneLine(r.response(), 40), who, r.method(), 100.0 * r.spanPool() / r.scale());
      List<RowView> top = r.topRows();
      for (int i = 0; i < Math.min(2, top.size()); i++) {
        RowView row = top.get(i);
        ctx.say(
            "   top row %d: %s's \"%s\" (score %.3g)",
            i + 1,
            ServingDemo.name(ctx, row.contributor()),
            oneLine(row.snippet(), 60),
            row.score());
      }
      for (SpanView s : r.spans()) {
        ctx.say(
            "   verbatim span \"%s\" from %s's row",
            oneLine(s.text(), 50), ServingDemo.name(ctx, s.owner()));
      }
      ctx.say(
          "   (query gradient %.0f ms, scoring, spans and shares %.0f ms)",
          r.timings().queryGradientMs(), r.timings().attributeMs());
    }
    ctx.say(
        "the full explanation: openledger attribution show REQUEST, or GET /api/attribution/REQUEST (the dashboard's playground)");
  }

  private static void verify(DemoContext ctx) {
    AttributionClient client = new AttributionClient(ctx.client());
    for (InferenceClient.Answer a : answers(ctx)) {
      VerifyView v = client.verify(a.id());
      expect(
          v.matches() && v.onChainMatches(),
          "attribution verify " + a.id() + " failed: " + v.detail());
      ctx.say("%s: %s", a.id(), v.detail());
    }
    ctx.say(
        "verify recomputes the query gradient from the recorded tokens and the attribution from the model's artifacts; integer shares and "
            + "inputs must match exactly (exit code 5 otherwise)");
  }

  private static void earned(DemoContext ctx) {
    AttributionClient client = new AttributionClient(ctx.client());
    Map<Address, Amount> total = new LinkedHashMap<>();
    Amount withheld = Amount.ZERO;
    for (InferenceClient.Answer a : answers(ctx)) {
      OnChainView c = client.show(a.id()).orElseThrow().onChain().get(0);
      StringBuilder line = new StringBuilder();
      for (PayoutView p : c.payouts()) {
        if (!p.paid().isZero()) {
          total.merge(p.contributor(), p.paid(), Amount::plus);
          line.append(
              String.format(
                  Locale.ROOT,
                  "%s %s, ",
                  ServingDemo.name(ctx, p.contributor()),
                  p.paid().toPlainString()));
        }
        withheld = withheld.plus(p.withheld());
      }
      ctx.say(
          "%s: %s", a.id(), line.length() == 0 ? "nobody" : line.substring(0, line.length() - 2));
    }
    Map<String, String> column = new LinkedHashMap<>();
    total.forEach(
        (who, amount) -> {
          String name = ServingDemo.name(ctx, who);
          ctx.say(
              "%-8s earned %s OPEN from the answers' contributors' parts",
              name, amount.toPlainString());
          column.put(name, amount.toPlainString());
          ctx.summary().row(name, "data contributor");
        });
    expect(!total.isEmpty(), "no contributor earned anything");
    ctx.say(
        "penalties withheld %s OPEN (a contributor above the penalty threshold loses half of each reward to the treasury)",
        withheld.toPlainString());
    ctx.summary()
        .column(
            "earned: contributors",
            "paid from the attribution pool by each answer's attribution (gradient and span tracks), "
                + "exactly the contributors' part of each receipt",
            column);
  }

  /** Basis points as a percentage: 4500 → "45%", 4050 → "40.5%". */
  private static String percent(int bps) {
    return BigDecimal.valueOf(bps, 2).stripTrailingZeros().toPlainString() + "%";
  }

  private static String oneLine(String text, int max) {
    String t = text.replaceAll("\\s+", " ").strip();
    return t.length() > max ? t.substring(0, max - 3) + "..." : t;
  }
}
