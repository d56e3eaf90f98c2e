package dev.openledger.modelfactory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.modelfactory.poa.AttributionEval;
import dev.openledger.modelfactory.poa.EvalConfig;
import dev.openledger.modelfactory.poa.EvalReport;
import dev.openledger.modelfactory.poa.EvalReport.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI-sized attribution eval ({@link EvalConfig#ci}: two Brown genres, three contributors each,
 * 12 queries, 8 LDS subsets, all attacks in one model; 12 fine-tunes through ModelFactory) on the
 * shared pre-trained tiny base, asserting the aims it can reach at this size:
 *
 * <ul>
 *   <li>Sybil split-invariance on the same model: the accounts together earn what one account would
 *       (aim: within 5%; measured exactly equal);
 *   <li>copier ≈ 0: a copy with one edit per paragraph earns nothing, end to end and on the same
 *       model (where it would earn without copy detection);
 *   <li>deduplication: in the same model, counting duplicates would pay the attacker at least 1.5×
 *       what the deduplicated rows pay (measured 2.3×);
 *   <li>junk detection by self-influence better than chance (measured AUC 0.75), and a positive
 *       contributor LDS (measured 0.26).
 * </ul>
 *
 * Not asserted, because this size cannot reach them: the topic AUC aim (0.9; measured 0.52 per row,
 * 0.56 per contributor) and the LDS aim (0.5). The shared base here is the tiny preset after 300
 * steps on five other genres; with the tiny preset after 1,200 steps on the whole corpus (what the
 * full run uses) the same CI-sized eval measures LDS 0.67 and contributor topic AUC 0.88
 * (docs/attribution.md). The retrained payout ratios of the duplicate and Sybil attacks are
 * reported but not asserted: retraining with only another seed moves honest payouts by 14% (median)
 * at this size, more than the 5% aim.
 *
 * <p>The run is deterministic on one machine (fixed seeds, fixed reduction order), so these are not
 * flaky.
 */
class AttributionEvalTest {

  @Test
  void theCiSizedEvalReachesTheAimsItCanAtThisSize(@TempDir Path tmp) throws Exception {
    Path base = TestBases.pretrained();
    TestData.brown();
    List<String> progress = new ArrayList<>();
    EvalReport r =
        AttributionEval.run(EvalConfig.ci(TestData.repoRoot(), base), tmp, progress::add);
    String summary = AttributionEval.summary(r);

    assertThat(r.lds().dataInf().mean()).as(summary).isGreaterThan(0.1);
    assertThat(r.lds().queriesDefined()).isEqualTo(r.setup().queries());
    // the share rule's steps are measured; under the netting alternative a split never pays less
    assertThat(r.lds().dataInfPositive().mean()).as(summary).isBetween(-1.0, 1.0);
    assertThat(r.lds().gradientShares().mean()).as(summary).isBetween(-1.0, 1.0);
    assertThat(r.lds().contributorNet().mean()).as(summary).isBetween(-1.0, 1.0);
    assertThat(r.lds().netSplitInflation()).as(summary).isGreaterThanOrEqualTo(1.0);
    assertThat(summary).contains("alternative rule");

    Scenario sybil = scenario(r, "sybil");
    assertThat(sybil.fixedModel().with()).as(summary).isPositive();
    assertThat(sybil.fixedModel().with() / sybil.fixedModel().without())
        .as(summary)
        .isBetween(0.95, 1.05);

    Scenario copier = scenario(r, "copier");
    assertThat(copier.fixedModel().with()).as(summary).isZero();
    assertThat(copier.fixedModel().without())
        .as("without copy detection the copier would earn")
        .isPositive();
    assertThat(copier.attackerRatio())
        .as("copier's fraction of all pools, end to end")
        .isLessThan(0.01);

    Scenario dup = scenario(r, "duplicate");
    assertThat(dup.fixedModel().without())
        .as(summary)
        .isGreaterThanOrEqualTo(1.5 * dup.fixedModel().with());

    assertThat(r.detection().aucJunk()).as(summary).isGreaterThan(0.6);
    assertThat(progress).anyMatch(l -> l.startsWith("contributor LDS"));
  }

  private static Scenario scenario(EvalReport r, String name) {
    return r.antiGaming().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }
}
