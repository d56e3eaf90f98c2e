package dev.openledger.modelfactory.bench;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.datanet.DatanetService;
import dev.openledger.datanet.DatanetSpec;
import dev.openledger.datanet.IngestResult;
import dev.openledger.datanet.validate.UsageSnapshot;
import dev.openledger.ml.corpus.BrownCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Datanets built from text for benchmarks and demos, through the datanet service's full path. */
public final class BenchDatanets {
  private BenchDatanets() {}

  /**
   * Creates datanet {@code name} (id {@code SHA-256("datanet:" + name)}) and publishes version 1
   * holding {@code paragraphs}, dealt round-robin into one {@code .txt} file per contributor; each
   * file is ingested, registered and accepted as if its transactions had committed.
   *
   * @throws IOException if the service fails, or refuses a file (the message gives the rejection)
   */
  public static Hash publish(
      DatanetService datanets,
      String name,
      Address owner,
      List<Address> contributors,
      List<String> paragraphs)
      throws IOException {
    Hash id = Hash.sha256(("datanet:" + name).getBytes(StandardCharsets.UTF_8));
    datanets
        .createDatanet(
            new DatanetSpec(
                id, owner, name, name, "Texts of the " + name + " kind.", List.of(name)))
        .orElseThrow();
    List<Hash> contributions = new ArrayList<>();
    for (int c = 0; c < contributors.size(); c++) {
      StringBuilder file = new StringBuilder();
      for (int i = c; i < paragraphs.size(); i += contributors.size()) {
        file.append(paragraphs.get(i)).append("\n\n");
      }
      if (file.length() == 0) {
        continue;
      }
      IngestResult r =
          datanets.ingest(
              id,
              contributors.get(c),
              name + "-" + c + ".txt",
              file.toString().getBytes(StandardCharsets.UTF_8),
              UsageSnapshot.NONE);
      if (!(r instanceof IngestResult.Staged staged)) {
        throw new IOException(
            "datanet "
                + name
                + ": file "
                + c
                + " was refused: "
                + ((IngestResult.Rejected) r).rejection());
      }
      datanets.register(staged.contributionId()).orElseThrow();
      datanets.accept(staged.contributionId(), "ok").orElseThrow();
      contributions.add(staged.contributionId());
    }
    datanets.buildVersion(id, 1, contributions).orElseThrow();
    return id;
  }

  /** The paragraphs of Brown documents (one per line of their text), in order. */
  public static List<String> paragraphs(List<BrownCorpus.Document> docs) throws IOException {
    List<String> out = new ArrayList<>();
    for (BrownCorpus.Document d : docs) {
      for (String p : BrownCorpus.text(d).split("\n")) {
        if (!p.isBlank()) {
          out.add(p.trim());
        }
      }
    }
    return out;
  }
}
