package dev.openledger.modelfactory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.attribution.AttributionConfig;
import dev.openledger.attribution.AttributionResult;
import dev.openledger.attribution.ContributorShare;
import dev.openledger.attribution.score.QueryGradient;
import dev.openledger.attribution.score.ScoringPool;
import dev.openledger.attribution.service.AttributionRecord;
import dev.openledger.attribution.service.AttributionService;
import dev.openledger.attribution.service.Inference;
import dev.openledger.attribution.service.Verification;
import dev.openledger.core.Result;
import dev.openledger.core.crypto.Hash;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.modelfactory.job.Submission;
import dev.openledger.modelfactory.poa.FactoryModels;
import dev.openledger.modelfactory.registry.ModelRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attribution service over a model fine-tuned through ModelFactory: a served request is
 * attributed from its tokens and recorded once; the record round-trips; verify recomputes it bit
 * for bit; records whose shares, query gradient or tokens were changed fail.
 */
class AttributionServiceTest {

  @Test
  void aRecordIsKeptOnceVerifiesAndTamperedRecordsFail(@TempDir Path tmp) throws Exception {
    Path base = TestBases.random(tmp.resolve("base"));
    try (World w = new World(tmp.resolve("world"));
        ScoringPool pool = new ScoringPool(2)) {
      Hash d =
          w.datanet("government", TestData.paragraphs(TestData.brown().genre('h').subList(0, 2)));
      assertThat(w.factory.submit(World.quick("gov", base, d).build()))
          .isInstanceOf(Submission.Accepted.class);
      w.factory.runPending();
      ModelRecord m = w.factory.model("gov").orElseThrow();
      FactoryModels models = new FactoryModels(w.factory, w.datanets, id -> 0);
      Path dir = tmp.resolve("attribution");
      AttributionService service =
          AttributionService.open(dir, AttributionConfig.DEFAULT, pool, Kernels.best(), 2);

      var tok = w.factory.bases().load(m.registration().baseModel()).tokenizer();
      int[] prompt = {1, tok.encodeOrdinary("The Office of Civil")[0]};
      int[] response =
          tok.encodeOrdinary("Defense shall coordinate the activities of the federal agencies");
      Inference inf =
          new Inference("cmpl-test-1", "gov", m.registration().adapter(), prompt, response);
      AttributionRecord rec = service.attribute(models, inf).orElseThrow();
      assertThat(rec.result().inputs().request()).isEqualTo(inf.hash());
      assertThat(rec.result().contributors()).isNotEmpty();
      assertThat(AttributionRecord.decode(rec.encode()).encode()).isEqualTo(rec.encode());
      assertThat(service.attribute(models, inf).orElseThrow().encode())
          .as("attributed once")
          .isEqualTo(rec.encode());
      try (Stream<Path> files = Files.list(dir.resolve("records"))) {
        assertThat(files.filter(f -> f.toString().endsWith(".olar")).count()).isEqualTo(1);
      }

      Verification v = service.verify(models, "cmpl-test-1").orElseThrow();
      assertThat(v.matches()).as(v.detail()).isTrue();
      assertThat(v.hashMatches()).isTrue();
      assertThat(v.gradientBitExact()).isTrue();

      // shares moved by one unit
      AttributionResult r = rec.result();
      List<ContributorShare> shares = new ArrayList<>(r.contributors());
      ContributorShare c = shares.get(0);
      shares.set(0, new ContributorShare(c.contributor(), c.gradientUnits() - 1, c.spanUnits()));
      AttributionResult moved =
          new AttributionResult(
              r.inputs(),
              r.method(),
              r.scale(),
              r.spanPool(),
              r.gradientPool(),
              r.unallocated() + 1,
              shares,
              r.datanets(),
              r.topRows(),
              r.spans(),
              r.outlierRows(),
              r.copiedRows(),
              r.duplicateRows(),
              r.crossCheck());
      Verification bad =
          service
              .verify(
                  models,
                  new AttributionRecord(
                      inf,
                      rec.promptText(),
                      rec.responseText(),
                      rec.queryGradient(),
                      moved,
                      rec.timings()))
              .orElseThrow();
      assertThat(bad.matches()).isFalse();
      assertThat(bad.detail()).contains("shares differ");

      // a query gradient that is not the gradient of the recorded tokens (the result recomputed to
      // fit it)
      float[] g = rec.queryGradient().last();
      g[0] += 1f;
      QueryGradient other = QueryGradient.ofFinal(g);
      AttributionResult fitted =
          service
              .model(models, "gov", m.registration().adapter())
              .orElseThrow()
              .attribute(inf, other)
              .orElseThrow();
      Verification forged =
          service
              .verify(
                  models,
                  new AttributionRecord(
                      inf, rec.promptText(), rec.responseText(), other, fitted, rec.timings()))
              .orElseThrow();
      assertThat(forged.matches()).isFalse();
      assertThat(forged.detail()).contains("not the gradient of the recorded tokens");

      // changed response tokens no longer match the recorded request hash: the record does not even
      // decode
      Path file =
          dir.resolve("records")
              .resolve(
                  Hash.sha256("cmpl-test-1".getBytes(StandardCharsets.UTF_8)).toHex() + ".olar");
      int[] changed = response.clone();
      changed[0] = changed[0] == 5 ? 6 : 5;
      Inference other2 =
          new Inference("cmpl-test-1", "gov", m.registration().adapter(), prompt, changed);
      byte[] tampered = new AttributionRecordSwap(rec, other2).bytes();
      Files.write(file, tampered);
      Result<Verification> broken = service.verify(models, "cmpl-test-1");
      assertThat(broken).isInstanceOf(Result.Err.class);
      assertThat(((Result.Err<Verification>) broken).code()).isEqualTo("record_invalid");

      // a source that answers with another adapter is refused
      Result<AttributionRecord> wrong =
          service.attribute(
              models,
              new Inference("cmpl-test-2", "gov", Hash.sha256(new byte[] {9}), prompt, response));
      assertThat(((Result.Err<AttributionRecord>) wrong).code()).isEqualTo("unknown_model");
    }
  }

  /**
   * The canonical bytes of a record with another inference spliced in (what a tamperer would
   * write).
   */
  private record AttributionRecordSwap(AttributionRecord rec, Inference inference) {
    byte[] bytes() {
      byte[] good = rec.encode();
      byte[] head = headOf(rec.inference());
      byte[] swapped = headOf(inference);
      byte[] out = new byte[good.length - head.length + swapped.length];
      System.arraycopy(swapped, 0, out, 0, swapped.length);
      System.arraycopy(good, head.length, out, swapped.length, good.length - head.length);
      return out;
    }

    private static byte[] headOf(Inference i) {
      var w = new dev.openledger.core.codec.CanonicalWriter();
      w.string(AttributionRecord.FORMAT)
          .string(i.requestId())
          .string(i.model())
          .hash(i.adapterHash());
      w.varint(i.promptTokens().length);
      for (int t : i.promptTokens()) {
        w.varint(t);
      }
      w.varint(i.responseTokens().length);
      for (int t : i.responseTokens()) {
        w.varint(t);
      }
      return w.toByteArray();
    }
  }
}
