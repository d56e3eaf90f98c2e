package dev.openledger.node.attribution;

import dev.openledger.attribution.AttributionResult;
import dev.openledger.attribution.ContributorShare;
import dev.openledger.attribution.DatanetShare;
import dev.openledger.attribution.RowAttribution;
import dev.openledger.attribution.service.AttributionRecord;
import dev.openledger.attribution.service.ModelAttribution;
import dev.openledger.attribution.service.SourceRow;
import dev.openledger.attribution.span.Span;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.attribution.InferenceAttribution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The JSON of the attribution routes (documented in docs/attribution.md, "HTTP"); every value is a
 * record that {@code core}'s JSON mapper writes as is (hashes in hex, addresses {@code ol1…},
 * amounts as decimal OPEN).
 */
public final class AttributionViews {
  private AttributionViews() {}

  /** Longest text snippet of a training row in a view. */
  static final int SNIPPET = 240;

  /**
   * {@code GET /api/attribution/{request}}.
   *
   * @param requestId the request (the receipt's {@code request_id})
   * @param status {@code attributed} (paid on chain), {@code recorded} (computed here, not yet on
   *     chain), {@code on_chain} (paid on chain, computed by another node), {@code attributing}
   *     (this node served the request and is still computing its attribution), or what went wrong
   * @param record the record kept by this node, with the explanation
   * @param onChain the chain's attribution of the request's receipt(s)
   */
  public record AttributionView(
      String requestId, String status, Optional<RecordView> record, List<OnChainView> onChain) {}

  /**
   * An attribution computed here.
   *
   * @param model the model label of the receipt
   * @param adapterHash the adapter that served the request
   * @param prompt the prompt as text
   * @param response the response as text
   * @param promptTokens tokens of the prompt
   * @param responseTokens tokens of the response
   * @param resultHash {@code AttributionResult.hash()}: what the chain records
   * @param method the gradient-track scorer
   * @param scale units of the whole contributors' part
   * @param spanPool units paid through the span track
   * @param gradientPool units paid through the gradient track
   * @param unallocated units nobody earned
   * @param contributors contributors by units, largest first
   * @param datanets Datanets by units, largest first
   * @param topRows the highest-scoring training rows with snippets of their text
   * @param spans verbatim spans of the response found in training rows
   * @param highlighted the response cut into segments, each inside span {@code span} or outside any
   *     ({@code -1})
   * @param outlierRows rows flagged by self-influence (excluded from payment)
   * @param copiedRows rows excluded as copies of an earlier owner's text
   * @param duplicateRows rows dropped as later duplicates
   * @param crossCheck Spearman between the scorer and the cross-check, when computed
   * @param timings how long the attribution took on the serving node
   * @param inputs the hashes of everything it was computed from
   */
  public record RecordView(
      String model,
      Hash adapterHash,
      String prompt,
      String response,
      int promptTokens,
      int responseTokens,
      Hash resultHash,
      String method,
      long scale,
      long spanPool,
      long gradientPool,
      long unallocated,
      List<ContributorView> contributors,
      List<DatanetShareView> datanets,
      List<RowView> topRows,
      List<SpanView> spans,
      List<Segment> highlighted,
      int outlierRows,
      int copiedRows,
      int duplicateRows,
      Optional<Double> crossCheck,
      TimingsView timings,
      InputsView inputs) {}

  /** A contributor's units (both tracks) and its fraction of the scale. */
  public record ContributorView(
      Address contributor, long units, long gradientUnits, long spanUnits, double share) {}

  public record DatanetShareView(Hash datanet, String name, long units, double share) {}

  /** A top row: its score (helpfulness), its paid units and the start of its text. */
  public record RowView(
      Hash rowId, Address contributor, Hash datanet, double score, long units, String snippet) {}

  /**
   * A verbatim span of the response.
   *
   * @param start first response token
   * @param end one past the last
   * @param text the span's text
   * @param owner who is credited (the first submitter of text containing it)
   * @param datanet the credited row's Datanet
   * @param row the credited row
   * @param occurrences how often the span occurs in the training rows
   * @param weight its rarity weight
   * @param source a snippet of the credited row
   */
  public record SpanView(
      int start,
      int end,
      String text,
      Address owner,
      Hash datanet,
      Hash row,
      int occurrences,
      double weight,
      String source) {}

  public record Segment(String text, int span) {}

  public record TimingsView(double queryGradientMs, double attributeMs, double prepareMs) {}

  public record InputsView(
      Hash request,
      Hash gradientStore,
      Hash rowCatalog,
      Hash spanIndex,
      Hash queryGradient,
      Hash output,
      Hash config) {}

  /** The chain's record of an attributed receipt: what was paid to whom. */
  public record OnChainView(
      long height,
      Hash root,
      Hash channel,
      long nonce,
      String model,
      int version,
      Address provider,
      Amount charge,
      Amount pool,
      Amount toContributors,
      Amount treasury,
      Hash resultHash,
      boolean matchesRecord,
      List<PayoutView> payouts) {

    static OnChainView of(InferenceAttribution a, Optional<Hash> recorded) {
      List<PayoutView> ps =
          a.payouts().stream()
              .map(
                  p ->
                      new PayoutView(
                          p.contributor(),
                          p.units(),
                          p.earned(),
                          p.withheld(),
                          p.paid(),
                          p.penaltyPoints()))
              .toList();
      return new OnChainView(
          a.height(),
          a.root(),
          a.channel(),
          a.nonce(),
          a.model(),
          a.version(),
          a.provider(),
          a.charge(),
          a.pool(),
          a.paidToContributors(),
          a.treasury(),
          a.claim().resultHash(),
          recorded.map(h -> h.equals(a.claim().resultHash())).orElse(false),
          ps);
    }
  }

  public record PayoutView(
      Address contributor,
      long units,
      Amount earned,
      Amount withheld,
      Amount paid,
      long penaltyPoints) {}

  /**
   * {@code POST /api/attribution/{request}/verify}: the record recomputed from its inputs and
   * compared with itself and with the chain's result hash.
   *
   * @param matches integer shares and inputs equal, and (when the chain has it) the chain's result
   *     hash is the record's
   */
  public record VerifyView(
      String requestId,
      boolean matches,
      Hash recordedHash,
      Hash recomputedHash,
      boolean hashMatches,
      boolean gradientBitExact,
      double gradientRelativeError,
      Optional<Hash> onChainHash,
      boolean onChainMatches,
      String detail) {}

  /**
   * {@code GET /api/attribution/by-contributor/{address}}.
   *
   * @param contributor whose rewards
   * @param totals over every attribution that listed the contributor
   * @param datanets the same per Datanet the rewards came through, most paid first (see {@code
   *     ContributorEarnings})
   * @param models the same per model version, by name and version
   * @param inferences the latest attributions that listed the contributor, newest first
   * @param more whether there are older ones than those listed
   */
  public record EarningsView(
      Address contributor,
      Totals totals,
      List<DatanetEarningsView> datanets,
      List<ModelEarningsView> models,
      List<InferenceEarningView> inferences,
      boolean more) {}

  /** Rewards added up: attributions, what they earned, what penalties withheld, what was paid. */
  public record Totals(long inferences, Amount earned, Amount withheld, Amount paid) {
    static final Totals NONE = new Totals(0, Amount.ZERO, Amount.ZERO, Amount.ZERO);

    Totals plus(Totals o) {
      return new Totals(
          inferences + o.inferences,
          earned.plus(o.earned),
          withheld.plus(o.withheld),
          paid.plus(o.paid));
    }
  }

  public record DatanetRef(Hash datanet, String name) {}

  /**
   * Rewards through one Datanet, or through a group of them when the contributor has accepted
   * contributions in several Datanets of one model's lineage (the chain does not split a reward
   * between them).
   */
  public record DatanetEarningsView(
      List<DatanetRef> datanets, long inferences, Amount earned, Amount withheld, Amount paid) {}

  /**
   * Rewards from one model version.
   *
   * @param datanets the lineage Datanets the contributor has accepted contributions in
   */
  public record ModelEarningsView(
      String model,
      int version,
      long inferences,
      Amount earned,
      Amount withheld,
      Amount paid,
      List<DatanetRef> datanets) {}

  /**
   * One attribution's reward to the contributor.
   *
   * @param charge the receipt's charge
   * @param pool the contributors' part of it
   * @param units the contributor's units of {@code scale}
   * @param earned its share of the pool
   * @param withheld the penalty cut of that
   * @param paid what it received
   * @param penaltyPoints its penalty score then
   */
  public record InferenceEarningView(
      String requestId,
      String model,
      int version,
      long height,
      long timeMillis,
      Address provider,
      Amount charge,
      Amount pool,
      long units,
      long scale,
      Amount earned,
      Amount withheld,
      Amount paid,
      long penaltyPoints) {}

  /**
   * The explanation of a record, with texts from the model's rows and Datanet names from {@code
   * names}.
   */
  static RecordView record(
      AttributionRecord rec, ModelAttribution m, Function<Hash, String> names) {
    AttributionResult r = rec.result();
    double scale = r.scale();
    List<ContributorView> cs = new ArrayList<>();
    for (ContributorShare c : r.contributors()) {
      cs.add(
          new ContributorView(
              c.contributor(), c.total(), c.gradientUnits(), c.spanUnits(), c.total() / scale));
    }
    cs.sort((a, b) -> Long.compare(b.units(), a.units()));
    List<DatanetShareView> ds = new ArrayList<>();
    for (DatanetShare d : r.datanets()) {
      ds.add(
          new DatanetShareView(
              d.datanet(), names.apply(d.datanet()), d.units(), d.units() / scale));
    }
    ds.sort((a, b) -> Long.compare(b.units(), a.units()));
    List<RowView> rows = new ArrayList<>();
    for (RowAttribution t : r.topRows()) {
      rows.add(
          new RowView(
              t.row().rowId(),
              t.contributor(),
              t.datanet(),
              t.score(),
              t.units(),
              snippet(m, t.row().rowId())));
    }
    int[] response = rec.inference().responseTokens();
    List<SpanView> spans = new ArrayList<>();
    for (Span s : r.spans()) {
      spans.add(
          new SpanView(
              s.start(),
              s.end(),
              m.text(Arrays.copyOfRange(response, s.start(), s.end())),
              s.owner(),
              s.datanet(),
              s.docId(),
              s.occurrences(),
              s.weight(),
              snippet(m, s.docId())));
    }
    AttributionRecord.Timings t = rec.timings();
    var in = r.inputs();
    return new RecordView(
        rec.inference().model(),
        rec.inference().adapterHash(),
        rec.promptText(),
        rec.responseText(),
        rec.inference().promptTokens().length,
        response.length,
        r.hash(),
        r.method().name().toLowerCase(java.util.Locale.ROOT),
        r.scale(),
        r.spanPool(),
        r.gradientPool(),
        r.unallocated(),
        cs,
        ds,
        rows,
        spans,
        segments(m, response, r.spans()),
        r.outlierRows().size(),
        r.copiedRows().size(),
        r.duplicateRows(),
        r.crossCheck().isPresent() ? Optional.of(r.crossCheck().getAsDouble()) : Optional.empty(),
        new TimingsView(
            t.queryGradientMicros() / 1000.0,
            t.attributeMicros() / 1000.0,
            t.prepareMicros() / 1000.0),
        new InputsView(
            in.request(),
            in.gradientStore(),
            in.rowCatalog(),
            in.spanIndex(),
            in.queryGradient(),
            in.output(),
            in.config()));
  }

  private static String snippet(ModelAttribution m, Hash rowId) {
    String text = m.row(rowId).map(SourceRow::text).orElse("");
    return text.length() <= SNIPPET ? text : text.substring(0, SNIPPET - 1) + "…";
  }

  /**
   * The response cut where spans start and end; each token belongs to the earliest span covering
   * it.
   */
  static List<Segment> segments(ModelAttribution m, int[] response, List<Span> spans) {
    int[] mark = new int[response.length];
    Arrays.fill(mark, -1);
    for (int s = spans.size() - 1; s >= 0; s--) {
      for (int i = spans.get(s).start(); i < spans.get(s).end() && i < response.length; i++) {
        mark[i] = s;
      }
    }
    List<Segment> out = new ArrayList<>();
    int from = 0;
    for (int i = 1; i <= response.length; i++) {
      if (i == response.length || mark[i] != mark[from]) {
        out.add(new Segment(m.text(Arrays.copyOfRange(response, from, i)), mark[from]));
        from = i;
      }
    }
    return out;
  }
}
