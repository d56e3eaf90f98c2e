package dev.openledger.ledger.datanet;

import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.ledger.msg.AccessTerms;
import dev.openledger.ledger.msg.ContributionPolicy;
import dev.openledger.ledger.msg.CreateDatanet;
import dev.openledger.ledger.msg.DataType;
import dev.openledger.ledger.msg.SubmitContribution;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Message fixtures for the datanet tests. */
final class Datanets {
  private Datanets() {}

  static CreateDatanet create(String name, ContributionPolicy policy, AccessTerms access) {
    return new CreateDatanet(
        name,
        "Press reportage from 1961",
        "# " + name + "\n\nNews paragraphs, one row each.",
        List.of("news", "english"),
        DataType.TEXT,
        "CC-BY-4.0",
        policy,
        access);
  }

  static CreateDatanet create(String name) {
    return create(name, ContributionPolicy.open(), AccessTerms.open());
  }

  static Hash content(String text) {
    return Hash.sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A submission of a file with this text, of {@code bytes} bytes and {@code rows} rows. */
  static SubmitContribution submit(
      Hash datanet, KeyPair from, String text, long bytes, int rows, int scorePpm) {
    Hash c = content(text);
    return new SubmitContribution(
        datanet,
        DatanetIds.contribution(datanet, from.address(), c),
        c,
        bytes,
        rows,
        scorePpm,
        text.hashCode() + ".txt",
        "txt");
  }

  static SubmitContribution submit(Hash datanet, KeyPair from, String text) {
    return submit(datanet, from, text, 1000, 4, 800_000);
  }
}
