package dev.openledger.node.datanet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.datanet.Ids;
import dev.openledger.datanet.IngestResult;
import dev.openledger.datanet.validate.Reason;
import dev.openledger.ledger.datanet.ContributionStatus;
import dev.openledger.ledger.datanet.DatanetIds;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.PublishVersion;
import dev.openledger.ledger.msg.ReviewContribution;
import dev.openledger.ledger.msg.SubmitContribution;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.Transaction;
import dev.openledger.node.TestNode;
import dev.openledger.node.api.view.StatusView;
import dev.openledger.node.api.view.TxView;
import dev.openledger.node.client.ClientException;
import dev.openledger.node.client.DatanetClient;
import dev.openledger.node.client.LedgerClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The datanet flow over HTTP against a real node on a loopback port: create, upload from several
 * accounts, sign and submit, review, publish, export, prove; and the refusals on the way.
 */
class DatanetApiTest {
  @TempDir static Path dir;
  static TestNode node;
  static DatanetKit kit;
  static LedgerClient client;
  static DatanetClient datanets;
  static final KeyPair alice = TestNode.key("alice");
  static final KeyPair bob = TestNode.key("bob");
  static final KeyPair carol = TestNode.key("carol");
  static final KeyPair dave = TestNode.key("dave");

  @BeforeAll
  static void start() {
    node = new TestNode(dir.resolve("node"));
    kit = new DatanetKit(node.url());
    client = kit.client;
    datanets = kit.datanets;
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static TxView send(KeyPair from, Message m) {
    return kit.send(from, m);
  }

  static TxView ok(KeyPair from, Message m) {
    return kit.ok(from, m);
  }

  static Hash create(KeyPair owner, String name, String summary) {
    return kit.create(owner, name, summary);
  }

  static SubmitContribution contribute(Hash datanet, KeyPair from, String fileName, byte[] bytes) {
    return kit.contribute(datanet, from, fileName, bytes);
  }

  static void awaitSync() throws InterruptedException {
    assertThat(
            node.node
                .datanets()
                .sync()
                .awaitHeight(client.status().height(), Duration.ofSeconds(20)))
        .isTrue();
  }

  @Test
  void createContributeReviewPublishExportAndProve() throws Exception {
    Hash press = create(alice, "press-api", "Press reportage");
    assertThat(datanets.datanet("press-api").orElseThrow().id()).isEqualTo(press);
    assertThat(datanets.datanet(press.toHex()).orElseThrow().owner()).isEqualTo(alice.address());

    TxView curated = ok(alice, new dev.openledger.ledger.msg.AddCurator(press, carol.address()));
    assertThat(curated.tx().message().get("type").asText()).isEqualTo("datanet/add_curator");
    assertThat(curated.tx().message().get("curator").asText())
        .isEqualTo(carol.address().toString());
    ok(alice, new dev.openledger.ledger.msg.RemoveCurator(press, carol.address()));

    SubmitContribution b = contribute(press, bob, "ca01.txt", Brown.file("ca01"));
    SubmitContribution c = contribute(press, carol, "ca02.txt", Brown.file("ca02"));
    SubmitContribution d = contribute(press, dave, "ca03.txt", Brown.file("ca03"));
    assertThat(b.contributionId())
        .isEqualTo(Ids.contribution(press, bob.address(), Hash.sha256(Brown.file("ca01"))));

    // a copy of bob's file by dave is refused off chain, with a pointer to bob's rows
    UploadView copy =
        datanets.upload(press.toHex(), dave.address(), "copy.txt", Brown.file("ca01"));
    IngestResult.Rejected rejected = (IngestResult.Rejected) copy.result();
    assertThat(rejected.rejection().reason()).isEqualTo(Reason.NO_ACCEPTED_ROWS);
    assertThat(rejected.rows())
        .allSatisfy(
            r ->
                assertThat(r.rejection().orElseThrow().original().orElseThrow().owner())
                    .isEqualTo(bob.address()));
    assertThat(copy.toSign()).isEmpty();

    awaitSync();
    ContributionView pending =
        datanets.contribution(press.toHex(), b.contributionId()).orElseThrow();
    assertThat(pending.status()).isEqualTo(ContributionStatus.PENDING);
    assertThat(pending.stored()).contains("submitted");

    assertThat(send(dave, new ReviewContribution(b.contributionId(), true, "")).code())
        .isEqualTo("unauthorized");
    ok(alice, new ReviewContribution(b.contributionId(), true, "on topic"));
    ok(alice, new ReviewContribution(c.contributionId(), true, "on topic"));
    ok(alice, new ReviewContribution(d.contributionId(), false, "we have enough of this one"));
    awaitSync();
    assertThat(
            datanets
                .contributions(press.toHex(), java.util.Optional.of("accepted"), 0, 10)
                .contributions())
        .extracting(ContributionView::id)
        .containsExactlyInAnyOrder(b.contributionId(), c.contributionId());
    assertThat(datanets.contribution(press.toHex(), d.contributionId()).orElseThrow().stored())
        .contains("rejected");

    List<Hash> ids = List.of(b.contributionId(), c.contributionId());
    PreviewView preview = datanets.preview("press-api", ids);
    assertThat(preview.version()).isEqualTo(1);
    ok(alice, new PublishVersion(press, preview.version(), preview.root(), preview.rows(), ids));
    awaitSync();
    VersionView v = datanets.version("press-api", 1).orElseThrow();
    assertThat(v.root()).isEqualTo(preview.root());
    assertThat(v.servedHere()).isTrue();

    Path export = dir.resolve("press-v1.jsonl");
    try (var out = Files.newOutputStream(export)) {
      datanets.export("press-api", 1, out);
    }
    assertThat(DatanetClient.verifyExport(export, v.root())).isEqualTo(v.rows());
    String firstRow = Files.readAllLines(export).get(0);
    Hash rowId =
        Hash.fromHex(
            dev.openledger.core.json.Json.mapper().readTree(firstRow).get("rowId").asText());
    RowProofView proof = datanets.proof("press-api", 1, rowId);
    DatanetClient.verifyProof(proof, v.root());
    assertThatThrownBy(() -> DatanetClient.verifyProof(proof, Hash.ZERO))
        .isInstanceOf(ClientException.VerificationFailed.class);

    assertThat(datanets.leaderboard("press-api")).hasSize(3);
    assertThat(datanets.leaderboard("press-api").get(0).contributor())
        .isIn(bob.address(), carol.address());
    assertThat(datanets.contributors("press-api")).hasSize(3);
  }

  @Test
  void theNodeRefusesToForwardAContributionItDoesNotHold() throws Exception {
    Hash id = create(alice, "gate", "Gate checks");
    byte[] file = Brown.file("cb01");
    Hash content = Hash.sha256(file);
    SubmitContribution never =
        new SubmitContribution(
            id,
            DatanetIds.contribution(id, bob.address(), content),
            content,
            file.length,
            10,
            900_000,
            "cb01.txt",
            "txt");
    StatusView s = client.status();
    SignedTransaction tx =
        new Transaction(
                s.chainId(),
                bob.publicKey(),
                client.account(bob.address(), false).nonce(),
                s.minFee(),
                never)
            .sign(bob);
    assertThatThrownBy(() -> client.submit(tx))
        .isInstanceOf(ClientException.ApiError.class)
        .hasMessageContaining("upload it first");

    UploadView up = datanets.upload(id.toHex(), bob.address(), "cb01.txt", file);
    SubmitContribution real = DatanetClient.checkToSign(up, id, bob.address(), file);
    SubmitContribution inflated =
        new SubmitContribution(
            id,
            real.contributionId(),
            content,
            real.bytes(),
            real.rows(),
            1_000_000,
            real.fileName(),
            real.fileType());
    SignedTransaction lie =
        new Transaction(
                s.chainId(),
                bob.publicKey(),
                client.account(bob.address(), false).nonce(),
                s.minFee(),
                inflated)
            .sign(bob);
    assertThatThrownBy(() -> client.submit(lie))
        .isInstanceOf(ClientException.ApiError.class)
        .hasMessageContaining("validation score");
    ok(bob, real);
  }

  @Test
  void uploadsAreCheckedAgainstTheDailyLimitsOnChainAndBadFilesAreRefusedWithReasons() {
    Hash id = create(carol, "limits", "Limit checks");
    UploadView binary =
        datanets.upload(id.toHex(), dave.address(), "junk.txt", new byte[] {0, 1, 2, 3, 0, 0});
    assertThat(((IngestResult.Rejected) binary.result()).rejection().reason())
        .isEqualTo(Reason.BINARY_CONTENT);
    byte[] big = new byte[5 * 1024 * 1024 + 1];
    java.util.Arrays.fill(big, (byte) 'a');
    UploadView tooBig = datanets.upload(id.toHex(), dave.address(), "big.txt", big);
    assertThat(((IngestResult.Rejected) tooBig.result()).rejection().reason())
        .isEqualTo(Reason.FILE_TOO_LARGE);
    assertThat(((IngestResult.Rejected) tooBig.result()).rejection().message()).contains("5.00 MB");
    byte[] huge = new byte[17 * 1024 * 1024];
    assertThatThrownBy(() -> datanets.upload(id.toHex(), dave.address(), "huge.txt", huge))
        .isInstanceOf(ClientException.ApiError.class)
        .satisfies(e -> assertThat(((ClientException.ApiError) e).status()).isEqualTo(413));
    UsageView u = datanets.usage("limits", dave.address());
    assertThat(u.limits().maxUserFilesPerDay()).isEqualTo(20);
    assertThatThrownBy(
            () ->
                datanets.upload(
                    "no-such-datanet",
                    dave.address(),
                    "a.txt",
                    "text".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ClientException.ApiError.class)
        .hasMessageContaining("no datanet");
  }

  @Test
  void aContributionWrittenButNeverSubmittedIsCollectedAndTheSameFileCanBeSubmittedAgain()
      throws Exception {
    Hash id = create(dave, "orphans", "Orphans");
    byte[] file = Brown.file("cc01");
    UploadView up = datanets.upload(id.toHex(), alice.address(), "cc01.txt", file);
    SubmitContribution m = DatanetClient.checkToSign(up, id, alice.address(), file);
    DatanetNode dn = node.node.datanets();
    assertThat(dn.service().contribution(m.contributionId())).isPresent();
    // the grace period protects it from the periodic collection
    assertThat(dn.collectGarbage().contributionsRemoved()).doesNotContain(m.contributionId());
    assertThat(
            dn.service().collectGarbage(java.util.Set.of(), Duration.ZERO).contributionsRemoved())
        .contains(m.contributionId());
    assertThat(dn.service().blob(m.contentHash())).isEmpty();
    contribute(id, alice, "cc01.txt", file);
    awaitSync();
    assertThat(datanets.contribution("orphans", m.contributionId()).orElseThrow().stored())
        .contains("submitted");
    ByteArrayOutputStream none = new ByteArrayOutputStream();
    assertThatThrownBy(() -> datanets.export("orphans", 1, none))
        .isInstanceOf(ClientException.ApiError.class);
  }
}
