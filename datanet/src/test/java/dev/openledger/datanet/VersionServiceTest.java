package dev.openledger.datanet;

import static dev.openledger.datanet.ServiceFixture.ALICE;
import static dev.openledger.datanet.ServiceFixture.BOB;
import static dev.openledger.datanet.ServiceFixture.CAROL;
import static dev.openledger.datanet.ServiceFixture.NEWS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.json.Json;
import dev.openledger.datanet.store.VersionRecord;
import dev.openledger.datanet.version.InclusionProof;
import dev.openledger.datanet.version.MerkleTree;
import dev.openledger.datanet.version.VersionLeaf;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versions: build, export, recompute from the export, prove rows. */
class VersionServiceTest {
  @TempDir Path dir;
  ServiceFixture f;
  List<Hash> accepted = new ArrayList<>();
  IngestResult.Staged rejectedOne;

  @BeforeEach
  void contribute() throws Exception {
    f = new ServiceFixture(dir);
    accepted.add(
        f.contributeAccepted(ALICE, "a.txt", ServiceFixture.brownText("ca20")).contributionId());
    accepted.add(
        f.contributeAccepted(BOB, "b.txt", ServiceFixture.brownText("ca21")).contributionId());
    rejectedOne = f.staged(f.ingest(CAROL, "c.txt", ServiceFixture.brownText("ca22")));
    f.service.register(rejectedOne.contributionId()).orElseThrow();
    f.service.reject(rejectedOne.contributionId(), "off-topic").orElseThrow();
  }

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void aPreviewGivesTheRootOfTheLaterBuildAndStoresNothing() throws Exception {
    VersionPreview preview = f.service.previewVersion(NEWS, accepted).orElseThrow();
    assertThat(f.service.version(NEWS, 1)).isEmpty();
    assertThat(f.service.previewVersion(NEWS, List.of(rejectedOne.contributionId())))
        .isEqualTo(
            Result.err(
                "not_accepted",
                "contribution "
                    + rejectedOne.contributionId()
                    + " is REJECTED; versions contain accepted contributions only"));
    VersionRecord v = f.service.buildVersion(NEWS, 1, accepted).orElseThrow();
    assertThat(preview.root()).isEqualTo(v.root());
    assertThat(preview.rows()).isEqualTo(v.rowIds().size());
  }

  @Test
  void exportRecomputesToThePublishedRootAndEveryRowHasAProof() throws Exception {
    VersionRecord v = f.service.buildVersion(NEWS, 1, accepted).orElseThrow();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long n = f.service.export(NEWS, 1, out).orElseThrow();
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize((int) n);
    assertThat(n).isEqualTo(v.rowIds().size());

    List<VersionLeaf> leaves = new ArrayList<>();
    Set<Address> owners = new HashSet<>();
    for (int i = 0; i < lines.length; i++) {
      JsonNode row = Json.mapper().readTree(lines[i]);
      assertThat(row.get("index").asInt()).isEqualTo(i);
      String text = row.get("text").asText();
      Hash textHash = Hash.sha256(text.getBytes(StandardCharsets.UTF_8));
      assertThat(row.get("textHash").asText()).isEqualTo(textHash.toHex());
      Address owner = Address.parse(row.get("owner").asText());
      owners.add(owner);
      assertThat(Hash.fromHex(row.get("contributionId").asText())).isIn(accepted);
      leaves.add(new VersionLeaf(Hash.fromHex(row.get("rowId").asText()), owner, textHash));
    }
    assertThat(owners).containsExactlyInAnyOrder(ALICE, BOB);
    assertThat(MerkleTree.build(leaves).root())
        .as("anyone can recompute the root from the export")
        .isEqualTo(v.root());

    for (VersionLeaf leaf : leaves) {
      InclusionProof p = f.service.proof(NEWS, 1, leaf.rowId()).orElseThrow();
      assertThat(p.verify(v.root())).isTrue();
      assertThat(
              new InclusionProof(
                      new VersionLeaf(leaf.rowId(), CAROL, leaf.textHash()),
                      p.leafIndex(),
                      p.leafCount(),
                      p.siblings())
                  .verify(v.root()))
          .as("claiming someone else's row fails")
          .isFalse();
    }
    Hash carolsRow = rejectedOne.rows().get(0).rowId();
    assertThat(((Result.Err<?>) f.service.proof(NEWS, 1, carolsRow)).code())
        .isEqualTo("unknown_row");
  }

  @Test
  void versionsPersistAndAreImmutable() throws Exception {
    VersionRecord v1 = f.service.buildVersion(NEWS, 1, accepted.subList(0, 1)).orElseThrow();
    VersionRecord v2 = f.service.buildVersion(NEWS, 2, accepted).orElseThrow();
    assertThat(v2.rowIds().size()).isGreaterThan(v1.rowIds().size());
    assertThat(f.service.buildVersion(NEWS, 1, accepted.subList(0, 1)).orElseThrow()).isEqualTo(v1);
    assertThat(((Result.Err<?>) f.service.buildVersion(NEWS, 1, accepted)).code())
        .isEqualTo("version_exists");
    assertThat(
            ((Result.Err<?>) f.service.buildVersion(NEWS, 3, List.of(rejectedOne.contributionId())))
                .code())
        .isEqualTo("not_accepted");
    assertThat(((Result.Err<?>) f.service.buildVersion(NEWS, 3, List.of())).code())
        .isEqualTo("empty_version");
    assertThat(((Result.Err<?>) f.service.export(NEWS, 9, new ByteArrayOutputStream())).code())
        .isEqualTo("unknown_version");

    Hash someRow = v2.rowIds().get(v2.rowIds().size() / 2);
    InclusionProof before = f.service.proof(NEWS, 2, someRow).orElseThrow();
    f.reopen();
    assertThat(f.service.versions(NEWS)).containsExactly(1, 2);
    assertThat(f.service.version(NEWS, 2)).contains(v2);
    InclusionProof after = f.service.proof(NEWS, 2, someRow).orElseThrow();
    assertThat(after).isEqualTo(before);
    assertThat(after.verify(v2.root())).isTrue();
    // The proof's JSON form (what the API serves) round-trips and still verifies.
    String json = Json.write(after);
    assertThat(json)
        .contains("\"leafIndex\"")
        .contains("\"siblings\"")
        .contains(after.leaf().owner().toString());
    InclusionProof parsed = Json.mapper().readValue(json, InclusionProof.class);
    assertThat(parsed).isEqualTo(after);
    assertThat(parsed.verify(v2.root())).isTrue();
  }
}
