package dev.openledger.modelfactory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.modelfactory.access.DevnetAccessPolicy;
import dev.openledger.modelfactory.job.Submission;
import dev.openledger.modelfactory.run.RunSettings;
import dev.openledger.modelfactory.spec.FineTuneRequest;
import dev.openledger.modelfactory.spec.SpecProblem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad fine-tuning requests are refused with every reason, before any work starts: no job, no job
 * directory, no imported base model. The same request with the fault fixed is accepted, so each
 * refusal is the fault's.
 */
class SpecValidationTest {
  static final Address STRANGER = KeyPair.insecureFromLabel("stranger").address();
  @TempDir static Path tmp;
  static World world;
  static Path base;
  static Hash news;
  static Hash restricted;
  static Hash single;
  static Hash unpublished;

  @BeforeAll
  static void setUp() throws Exception {
    news = Hash.sha256("datanet:news".getBytes(StandardCharsets.UTF_8));
    restricted = Hash.sha256("datanet:private".getBytes(StandardCharsets.UTF_8));
    DevnetAccessPolicy access =
        DevnetAccessPolicy.allOpen().restrict(restricted, Set.of(World.OWNER));
    world = new World(tmp.resolve("node"), access, new RunSettings(4, 3600));
    List<String> paragraphs = TestData.paragraphs(TestData.brown().genre('a').subList(0, 1));
    world.datanet("news", paragraphs);
    world.datanet("private", paragraphs.subList(0, 10));
    single = world.datanet("single", paragraphs.subList(0, 1));
    unpublished = Hash.sha256("datanet:draft".getBytes(StandardCharsets.UTF_8));
    world
        .datanets
        .createDatanet(
            new dev.openledger.datanet.DatanetSpec(
                unpublished, World.OWNER, "draft", "", "", List.of()))
        .orElseThrow();
    base = TestBases.random(tmp.resolve("base"));
  }

  @AfterAll
  static void tearDown() throws Exception {
    world.close();
  }

  static FineTuneRequest.Builder good() {
    return World.quick("ok-model", base, news);
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        bad(
            "unknown_datanet",
            "datanets[0]",
            b -> World.quick("m", base).datanet(Hash.sha256(new byte[] {1}).toHex())),
        bad(
            "unknown_version",
            "datanets[0]",
            b -> World.quick("m", base).datanet(news.toHex() + "@5")),
        bad("no_versions", "datanets[0]", b -> World.quick("m", base).datanet(unpublished.toHex())),
        bad(
            "access_denied",
            "datanets[0]",
            b -> World.quick("m", base).datanet(restricted.toHex())),
        bad("empty_data", "datanets[0]", b -> World.quick("m", base).datanet(single.toHex())),
        bad("bad_datanet_ref", "datanets[0]", b -> World.quick("m", base).datanet("news@1")),
        bad("duplicate_datanet", "datanets[1]", b -> b.datanet(news.toHex() + "@1")),
        bad("no_datanets", "datanets", b -> World.quick("m", base)),
        bad("bad_rank", "lora.rank", b -> b.rank(0)),
        bad("bad_rank", "lora.rank", b -> b.rank(33)),
        bad("bad_alpha", "lora.alpha", b -> b.alpha(-1)),
        bad("bad_dropout", "lora.dropout", b -> b.dropout(1f)),
        bad("unknown_target", "lora.targets[1]", b -> b.targets(List.of("q", "x_proj"))),
        bad("no_targets", "lora.targets", b -> b.targets(List.of())),
        bad("bad_learning_rate", "optimization.learningRate", b -> b.learningRate(-1e-3f)),
        bad("bad_learning_rate", "optimization.learningRate", b -> b.learningRate(Float.NaN)),
        bad("bad_epochs", "optimization.epochs", b -> b.epochs(0)),
        bad("bad_batch", "optimization.batchSize", b -> b.batchSize(0)),
        bad("seq_len_exceeds_base", "training.seqLen", b -> b.seqLen(65)),
        bad("bad_eval_fraction", "training.evalFraction", b -> b.evalFraction(0f)),
        bad("bad_projection", "training.projectionDim", b -> b.projectionDim(-1)),
        bad("bad_name", "name", b -> World.quick("Bad Name!", base, news)),
        bad(
            "bad_base_model",
            "base",
            b ->
                FineTuneRequest.builder("m", World.DEV, tmp.resolve("nowhere").toString())
                    .datanet(news.toHex())),
        bad(
            "unknown_base_model",
            "base",
            b ->
                FineTuneRequest.builder("m", World.DEV, Hash.sha256(new byte[] {2}).toHex())
                    .datanet(news.toHex())));
  }

  private static Arguments bad(
      String code, String field, UnaryOperator<FineTuneRequest.Builder> change) {
    return Arguments.of(code, field, change);
  }

  @ParameterizedTest(name = "{0} at {1}")
  @MethodSource("badRequests")
  void refusedWithItsReasonBeforeAnyWork(
      String code, String field, UnaryOperator<FineTuneRequest.Builder> change) throws Exception {
    long basesBefore = count(tmp.resolve("node/modelfactory/bases"));
    Submission s = world.factory.submit(change.apply(good()).build());
    assertThat(s).isInstanceOf(Submission.Refused.class);
    List<SpecProblem> problems = ((Submission.Refused) s).problems();
    assertThat(problems)
        .as("%s", problems)
        .anySatisfy(
            p -> {
              assertThat(p.code()).isEqualTo(code);
              assertThat(p.field()).isEqualTo(field);
              assertThat(p.message()).isNotBlank();
            });
    assertThat(world.factory.jobs()).isEmpty();
    assertThat(count(tmp.resolve("node/modelfactory/jobs")))
        .as("nothing but the lock in jobs/")
        .isEqualTo(1);
    assertThat(count(tmp.resolve("node/modelfactory/bases")))
        .as("no base imported")
        .isEqualTo(basesBefore);
  }

  @Test
  void everyProblemIsReportedAtOnce() throws Exception {
    Submission s =
        world.factory.submit(
            World.quick("m", base)
                .datanet(news.toHex() + "@9")
                .rank(0)
                .learningRate(-1)
                .targets(List.of("wq"))
                .build());
    assertThat(((Submission.Refused) s).problems())
        .extracting(SpecProblem::code)
        .containsExactlyInAnyOrder(
            "unknown_version", "bad_rank", "bad_learning_rate", "unknown_target");
  }

  @Test
  void theRestrictedDatanetAdmitsItsGrantee() throws Exception {
    DevnetAccessPolicy access =
        DevnetAccessPolicy.allOpen().restrict(restricted, Set.of(World.OWNER));
    assertThat(
            access.check(
                World.OWNER,
                new dev.openledger.modelfactory.spec.DatanetVersionRef(restricted, 1, Hash.ZERO)))
        .isInstanceOf(dev.openledger.modelfactory.access.AccessDecision.Granted.class);
    assertThat(
            access.check(
                STRANGER,
                new dev.openledger.modelfactory.spec.DatanetVersionRef(restricted, 1, Hash.ZERO)))
        .isInstanceOf(dev.openledger.modelfactory.access.AccessDecision.Refused.class);
    // and the policy file round-trips
    Path file = tmp.resolve("access.json");
    access.write(file);
    assertThat(DevnetAccessPolicy.read(file)).isEqualTo(access);
  }

  @Test
  void theUnchangedRequestIsAccepted(@TempDir Path other) throws Exception {
    try (World w = new World(other)) {
      Hash d = w.datanet("news", TestData.paragraphs(TestData.brown().genre('a').subList(0, 1)));
      Submission s = w.factory.submit(World.quick("ok-model", base, d).build());
      assertThat(s).as("%s", s).isInstanceOf(Submission.Accepted.class);
      assertThat(w.factory.jobs()).hasSize(1);
    }
  }

  private static long count(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }
}
