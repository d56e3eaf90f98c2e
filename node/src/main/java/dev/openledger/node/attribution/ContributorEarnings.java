package dev.openledger.node.attribution;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.ledger.attribution.AttributionKeeper.Earnings;
import dev.openledger.ledger.attribution.AttributionModule;
import dev.openledger.ledger.attribution.InferenceAttribution;
import dev.openledger.ledger.attribution.InferenceAttribution.Payout;
import dev.openledger.ledger.datanet.DatanetModule;
import dev.openledger.ledger.engine.StateSnapshot;
import dev.openledger.node.attribution.AttributionViews.DatanetEarningsView;
import dev.openledger.node.attribution.AttributionViews.DatanetRef;
import dev.openledger.node.attribution.AttributionViews.EarningsView;
import dev.openledger.node.attribution.AttributionViews.InferenceEarningView;
import dev.openledger.node.attribution.AttributionViews.ModelEarningsView;
import dev.openledger.node.attribution.AttributionViews.Totals;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/attribution/by-contributor/{address}}: what a contributor earned through Proof of
 * Attribution, read from the attribution module's per-contributor index and running totals (one
 * state read per model version and per listed inference, never a scan of every attribution).
 *
 * <p>The chain pays a contributor per inference, not per Datanet: a claim gives each contributor
 * units, and the Datanets a reward came through are those of the serving model's lineage. So the
 * per-Datanet totals credit each model version's earnings to the lineage Datanets in which the
 * contributor has accepted contributions; when that is more than one (the chain does not split a
 * reward between them), the group of them is one row.
 */
final class ContributorEarnings {
  private final AttributionModule module;
  private final DatanetModule datanets;

  ContributorEarnings(AttributionModule module, DatanetModule datanets) {
    this.module = module;
    this.datanets = datanets;
  }

  /**
   * The contributor's totals, per model version and per Datanet, and its latest {@code limit} paid
   * inferences.
   */
  EarningsView of(StateSnapshot s, Address contributor, int limit) {
    List<Earnings> perModel = module.earnings(s, contributor);
    List<ModelEarningsView> models = new ArrayList<>();
    Map<List<Hash>, Totals> byDatanets = new LinkedHashMap<>();
    Totals all = Totals.NONE;
    for (Earnings e : perModel) {
      List<DatanetRef> through = through(s, contributor, e.model(), e.version());
      Totals t = new Totals(e.inferences(), e.earned(), e.withheld(), e.paid());
      models.add(
          new ModelEarningsView(
              e.model(), e.version(), e.inferences(), e.earned(), e.withheld(), e.paid(), through));
      byDatanets.merge(through.stream().map(DatanetRef::datanet).toList(), t, Totals::plus);
      all = all.plus(t);
    }
    models.sort(
        Comparator.comparing(ModelEarningsView::model)
            .thenComparingInt(ModelEarningsView::version));
    List<DatanetEarningsView> perDatanet = new ArrayList<>();
    byDatanets.forEach(
        (ids, t) ->
            perDatanet.add(
                new DatanetEarningsView(
                    ids.stream().map(id -> ref(s, id)).toList(),
                    t.inferences(),
                    t.earned(),
                    t.withheld(),
                    t.paid())));
    perDatanet.sort(Comparator.comparing(DatanetEarningsView::paid).reversed());
    List<InferenceEarningView> inferences = new ArrayList<>();
    for (InferenceAttribution a : module.byContributor(s, contributor, limit)) {
      Payout p =
          a.payouts().stream()
              .filter(x -> x.contributor().equals(contributor))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "attribution of "
                              + a.requestId()
                              + " is indexed for "
                              + contributor
                              + " but does not pay it"));
      inferences.add(
          new InferenceEarningView(
              a.requestId(),
              a.model(),
              a.version(),
              a.height(),
              a.timeMillis(),
              a.provider(),
              a.charge(),
              a.pool(),
              p.units(),
              a.claim().scale(),
              p.earned(),
              p.withheld(),
              p.paid(),
              p.penaltyPoints()));
    }
    return new EarningsView(
        contributor, all, perDatanet, models, inferences, all.inferences() > inferences.size());
  }

  /**
   * The lineage Datanets of a model version in which the contributor has accepted contributions.
   */
  private List<DatanetRef> through(
      StateSnapshot s, Address contributor, String model, int version) {
    List<DatanetRef> out = new ArrayList<>();
    for (Hash d : module.lineage(s, model, version)) {
      if (datanets.keeper().stats(s, d, contributor).accepted() > 0
          && out.stream().noneMatch(r -> r.datanet().equals(d))) {
        out.add(ref(s, d));
      }
    }
    return out;
  }

  private DatanetRef ref(StateSnapshot s, Hash id) {
    return new DatanetRef(
        id, datanets.keeper().datanet(s, id).map(d -> d.name()).orElse(id.shortHex()));
  }
}
