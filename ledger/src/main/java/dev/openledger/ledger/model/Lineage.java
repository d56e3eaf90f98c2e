package dev.openledger.ledger.model;

import dev.openledger.core.crypto.Address;
import dev.openledger.ledger.msg.DatanetVersionRef;
import dev.openledger.ledger.msg.EvalMetric;
import java.util.List;
import java.util.Objects;

/**
 * A model with the datanet versions it was trained on, resolved against the chain: who owns each
 * datanet, how many rows and contributions the version holds and when it was published.
 *
 * @param model the model
 * @param datanets one entry per datanet version, in registration order
 */
public record Lineage(RegisteredModel model, List<Source> datanets) {
  public Lineage {
    Objects.requireNonNull(model, "model");
    datanets = List.copyOf(datanets);
  }

  /**
   * One datanet version behind the model.
   *
   * @param ref the datanet version and root the registration names
   * @param datanetName the datanet's name
   * @param owner the datanet's owner
   * @param rows the version's rows
   * @param contributions the accepted contributions it lists
   * @param publishedHeight the block that published it
   * @param metric the model's held-out result on it
   */
  public record Source(
      DatanetVersionRef ref,
      String datanetName,
      Address owner,
      long rows,
      int contributions,
      long publishedHeight,
      EvalMetric metric) {
    public Source {
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(datanetName, "datanetName");
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(metric, "metric");
    }
  }
}
