package dev.openledger.ledger.msg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.core.Hex;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.TestChains;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.TxCodec;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every datanet and model message survives a signed transaction's encoding, and bad fields are
 * refused.
 */
class RegistryMessagesTest {
  static final Hash H1 = Hash.sha256(new byte[] {1});
  static final Hash H2 = Hash.sha256(new byte[] {2});
  static final Address A = KeyPair.insecureFromLabel("x").address();

  static List<Message> samples() {
    DatanetVersionRef ref = new DatanetVersionRef(H1, 3, H2);
    ContributionPolicy staked =
        new ContributionPolicy(
            ContributionPolicy.Admission.ALLOW_LIST,
            ContributionPolicy.Review.AUTOMATIC,
            650_000,
            Amount.parse("1.5"));
    return List.of(
        new CreateDatanet(
            "Legal contracts",
            "Contracts in English",
            "# Legal\n\n* clauses\n",
            List.of("legal", "en"),
            DataType.TEXT,
            "CC-BY-4.0",
            staked,
            new AccessTerms(AccessTerms.Mode.FEE, Amount.ofOpen(20))),
        new SubmitContribution(H1, H2, H1, 5_000, 12, 812_345, "contract (1).pdf", "pdf"),
        new ReviewContribution(H1, false, "copied from a textbook"),
        new AddCurator(H1, A),
        new RemoveCurator(H1, A),
        new AllowContributor(H1, A, true),
        new PublishVersion(H1, 2, H2, 1234, List.of(H1, H2)),
        new GrantAccess(H1, A, false),
        new PayAccessFee(H1, Amount.ofOpen(20)),
        new UpdateDatanetParams(DatanetParams.devnet(A)),
        new RegisterModel(
            "legal-v1",
            1,
            H1,
            H2,
            List.of(ref),
            H1,
            List.of(new EvalMetric(H1, 3, 900, 12_345, 9_876)),
            A,
            H2),
        new ProposeModel("legal-v1", 1),
        new ApproveModel("legal-v1", 1),
        new RejectModel("legal-v1", 1, "weak evaluation"),
        new RetireModel("legal-v1", 1, "superseded by v2"),
        new SetInferencePrice("legal-v1", 1, Amount.parse("0.02")),
        new UpdateModelParams(ModelParams.devnet(A)));
  }

  @Test
  void everyRegistryMessageRoundTripsThroughATransaction() {
    Set<MessageType<?>> covered = samples().stream().map(Message::type).collect(Collectors.toSet());
    Set<MessageType<?>> registry =
        MessageCodec.all().stream()
            .filter(t -> t.tag() >> 8 == 4 || t.tag() >> 8 == 5)
            .collect(Collectors.toSet());
    assertThat(covered).isEqualTo(registry);
    KeyPair k = TestChains.key("alice");
    for (Message m : samples()) {
      SignedTransaction tx = TestChains.tx(k, 7, m);
      SignedTransaction back = TxCodec.decode(tx.encoded()).orElseThrow();
      assertThat(back.body().message()).as(m.type().name()).isEqualTo(m);
      assertThat(back.encoded()).isEqualTo(tx.encoded());
    }
  }

  @Test
  void everyRegistryMessageRoundTripsThroughItsJsonFields() throws Exception {
    for (Message m : samples()) {
      com.fasterxml.jackson.databind.JsonNode fields =
          dev.openledger.core.json.Json.mapper().valueToTree(m);
      assertThat(dev.openledger.core.json.Json.mapper().treeToValue(fields, m.type().javaType()))
          .as(m.type().name())
          .isEqualTo(m);
    }
  }

  @Test
  void aRegistrationsBytesAreTheMessageBodyWithTheDocumentedLayout() throws DecodeException {
    RegisterModel m = (RegisterModel) samples().get(10);
    byte[] bytes = m.registrationBytes();
    CanonicalWriter w = new CanonicalWriter();
    w.string("openledger/model-registration/v1")
        .string("legal-v1")
        .u32(1)
        .hash(H1)
        .hash(H2)
        .varint(1)
        .hash(H1)
        .u32(3)
        .hash(H2)
        .hash(H1)
        .varint(1)
        .hash(H1)
        .u32(3)
        .i64(900)
        .i64(12_345)
        .i64(9_876)
        .address(A)
        .hash(H2);
    assertThat(Hex.encode(bytes)).isEqualTo(Hex.encode(w.toByteArray()));
    assertThat(RegisterModel.fromRegistrationBytes(bytes)).isEqualTo(m);
    assertThat(m.registrationHash()).isEqualTo(Hash.sha256(bytes));
    byte[] trailing = java.util.Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(() -> RegisterModel.fromRegistrationBytes(trailing))
        .isInstanceOf(DecodeException.class);
    byte[] otherDomain = bytes.clone();
    otherDomain[1] = 'X';
    assertThatThrownBy(() -> RegisterModel.fromRegistrationBytes(otherDomain))
        .isInstanceOf(DecodeException.class);
  }

  @Test
  void badFieldsAreRefusedWithReasons() {
    assertThatThrownBy(
            () ->
                new CreateDatanet(
                    " padded",
                    "s",
                    "",
                    List.of(),
                    DataType.TEXT,
                    "MIT",
                    ContributionPolicy.open(),
                    AccessTerms.open()))
        .hasMessageContaining("datanet name");
    assertThatThrownBy(
            () ->
                new CreateDatanet(
                    "ok",
                    "line\nbreak",
                    "",
                    List.of(),
                    DataType.TEXT,
                    "MIT",
                    ContributionPolicy.open(),
                    AccessTerms.open()))
        .hasMessageContaining("control character");
    assertThatThrownBy(
            () ->
                new CreateDatanet(
                    "ok",
                    "s",
                    "",
                    List.of("Upper"),
                    DataType.TEXT,
                    "MIT",
                    ContributionPolicy.open(),
                    AccessTerms.open()))
        .hasMessageContaining("tag");
    assertThatThrownBy(
            () ->
                new ContributionPolicy(
                    ContributionPolicy.Admission.OPEN,
                    ContributionPolicy.Review.CURATORS,
                    5,
                    Amount.ZERO))
        .hasMessageContaining("AUTOMATIC");
    assertThatThrownBy(() -> new AccessTerms(AccessTerms.Mode.FEE, Amount.ZERO))
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> new AccessTerms(AccessTerms.Mode.OPEN, Amount.ofOpen(1)))
        .hasMessageContaining("only access mode FEE");
    assertThatThrownBy(() -> new SubmitContribution(H1, H2, H1, 10, 1, 1_000_001, "a.txt", "txt"))
        .hasMessageContaining("score");
    assertThatThrownBy(() -> new SubmitContribution(H1, H2, H1, 10, 1, 5, "dir/a.txt", "txt"))
        .hasMessageContaining("path separator");
    assertThatThrownBy(() -> new ReviewContribution(H1, false, "")).hasMessageContaining("reason");
    assertThatThrownBy(() -> new PublishVersion(H1, 1, H2, 1, List.of(H1, H1)))
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> new PublishVersion(H1, 0, H2, 1, List.of(H1)))
        .hasMessageContaining("numbered from 1");
    assertThatThrownBy(
            () ->
                new RegisterModel(
                    "Legal",
                    1,
                    H1,
                    H2,
                    List.of(new DatanetVersionRef(H1, 1, H2)),
                    H1,
                    List.of(new EvalMetric(H1, 1, 1, 1000, 1000)),
                    A,
                    H2))
        .hasMessageContaining("model name");
    assertThatThrownBy(
            () ->
                new RegisterModel(
                    "legal",
                    1,
                    H1,
                    H2,
                    List.of(new DatanetVersionRef(H1, 1, H2)),
                    H1,
                    List.of(new EvalMetric(H2, 1, 1, 1000, 1000)),
                    A,
                    H2))
        .hasMessageContaining("metric 0");
    assertThatThrownBy(
            () ->
                new ModelParams(
                    A, false, Amount.ZERO, Amount.ofOpen(2), Amount.ofOpen(1), Amount.ofOpen(3)))
        .hasMessageContaining("minInferencePrice <= defaultInferencePrice");
    assertThatThrownBy(
            () -> new DatanetParams.Limits(DatanetParams.MAX_BYTES_LIMIT + 1, 1, 1, 1, 1))
        .hasMessageContaining("1 TiB");
    assertThat(SubmitContribution.scorePpm(0.8123456)).isEqualTo(812_346);
  }
}
