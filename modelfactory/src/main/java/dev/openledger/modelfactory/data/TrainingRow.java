package dev.openledger.modelfactory.data;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.modelfactory.spec.DatanetVersionRef;
import java.util.Objects;

/**
 * One datanet row as a job uses it.
 *
 * @param datanet the version it comes from
 * @param index its position in that version's export (Merkle leaf order)
 * @param rowId the row's id (what attribution scores are keyed by)
 * @param owner the contributor who owns it
 * @param text its cleaned text
 */
public record TrainingRow(
    DatanetVersionRef datanet, int index, Hash rowId, Address owner, String text) {
  public TrainingRow {
    Objects.requireNonNull(datanet, "datanet");
    Objects.requireNonNull(rowId, "rowId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(text, "text");
  }
}
