package dev.openledger.modelfactory.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.openledger.core.Result;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.json.Json;
import dev.openledger.datanet.DatanetService;
import dev.openledger.datanet.ExportRow;
import dev.openledger.datanet.version.MerkleTree;
import dev.openledger.datanet.version.VersionLeaf;
import dev.openledger.modelfactory.spec.DatanetVersionRef;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A job's own copy of the datanet versions it trains on: one JSONL export per version in the job's
 * {@code data/} directory, named {@code <datanet id hex>@<version>.jsonl}. Taken at submission, so
 * a job never depends on the datanet service again and resumes on exactly the same rows; checked
 * against the version's Merkle root when written and whenever read.
 */
public final class DataSnapshot {
  private DataSnapshot() {}

  /** The snapshot file of {@code ref} under {@code dataDir}. */
  public static Path file(Path dataDir, DatanetVersionRef ref) {
    return dataDir.resolve(ref.label() + ".jsonl");
  }

  /**
   * Exports {@code ref} from the datanet service into {@code dataDir} and checks it against the
   * root.
   *
   * @return the number of rows, or {@code unknown_version} / {@code root_mismatch}
   */
  public static Result<Integer> write(DatanetService datanets, DatanetVersionRef ref, Path dataDir)
      throws IOException {
    Files.createDirectories(dataDir);
    Path file = file(dataDir, ref);
    try (OutputStream out = Files.newOutputStream(file)) {
      Result<Long> exported = datanets.export(ref.datanetId(), ref.version(), out);
      if (exported instanceof Result.Err<Long> e) {
        return Result.err(e.code(), e.message());
      }
    }
    try (var ch =
        java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    try {
      return Result.ok(read(dataDir, ref).size());
    } catch (SnapshotMismatchException e) {
      return Result.err("root_mismatch", e.getMessage());
    }
  }

  /**
   * Reads the snapshot of {@code ref}: its rows in export order, after checking every row's text
   * hash and the Merkle root.
   *
   * @throws SnapshotMismatchException if the rows do not reproduce {@code ref.root()}
   */
  public static List<TrainingRow> read(Path dataDir, DatanetVersionRef ref) throws IOException {
    Path file = file(dataDir, ref);
    ObjectReader reader = Json.mapper().readerFor(ExportRow.class);
    List<TrainingRow> rows = new ArrayList<>();
    List<VersionLeaf> leaves = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = in.readLine()) != null) {
        ExportRow r;
        try {
          r = reader.readValue(line);
        } catch (JsonProcessingException e) {
          throw new SnapshotMismatchException(
              file.getFileName() + " line " + (n + 1) + ": " + e.getOriginalMessage());
        }
        if (r.index() != n) {
          throw new SnapshotMismatchException(
              file.getFileName() + " line " + (n + 1) + " has index " + r.index());
        }
        if (!Hash.sha256(r.text().getBytes(StandardCharsets.UTF_8)).equals(r.textHash())) {
          throw new SnapshotMismatchException(
              file.getFileName()
                  + " row "
                  + r.rowId().shortHex()
                  + ": text does not match its hash");
        }
        rows.add(new TrainingRow(ref, r.index(), r.rowId(), r.owner(), r.text()));
        leaves.add(new VersionLeaf(r.rowId(), r.owner(), r.textHash()));
        n++;
      }
    }
    if (leaves.isEmpty()) {
      throw new SnapshotMismatchException(file.getFileName() + " holds no rows");
    }
    leaves.sort(Comparator.comparing(VersionLeaf::rowId));
    Hash root = MerkleTree.build(leaves).root();
    if (!root.equals(ref.root())) {
      throw new SnapshotMismatchException(
          file.getFileName()
              + ": rows give Merkle root "
              + root.toHex()
              + ", the version's root is "
              + ref.root().toHex());
    }
    return rows;
  }

  /** A snapshot that does not reproduce its version's root (or cannot be parsed). */
  public static final class SnapshotMismatchException extends IOException {
    public SnapshotMismatchException(String message) {
      super(message);
    }
  }
}
