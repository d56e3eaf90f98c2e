package dev.openledger.datanet;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import java.util.List;
import java.util.Objects;

/**
 * A datanet's identity and purpose, as created on chain. The name, summary, description and tags
 * form the relevance profile's first document.
 */
public record DatanetSpec(
    Hash id, Address owner, String name, String summary, String description, List<String> tags) {
  public DatanetSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(description, "description");
    tags = List.copyOf(tags);
    if (name.isBlank()) {
      throw new IllegalArgumentException("a datanet needs a name");
    }
  }

  /** The text the relevance profile starts from. */
  String purposeText() {
    return name + "\n" + summary + "\n" + description + "\n" + String.join(" ", tags);
  }
}
