package dev.openledger.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.ml.format.DType;
import dev.openledger.ml.format.EngineTensors;
import dev.openledger.ml.format.HfModel;
import dev.openledger.ml.format.ModelDirectory;
import dev.openledger.openlora.bench.SyntheticModels;
import dev.openledger.openlora.chain.ModelListing;
import dev.openledger.openlora.service.BaseModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code openledger openlora adapter-hash} prints the hash a registry approves. */
class OpenLoraCommandTest {
  @TempDir Path dir;

  @Test
  void adapterHashPrintsTheContentHashTheStoreVerifies() throws Exception {
    BaseModel base =
        SyntheticModels.base("tiny-base", SyntheticModels.tokenizer(300), 16, 2, 64, 7);
    ModelDirectory.write(
        dir.resolve("base"),
        new HfModel(
            base.config(),
            EngineTensors.of(base.weights()),
            base.tokenizer(),
            base.bosTokenId(),
            base.eosTokenId()),
        DType.F32);
    ModelListing a =
        SyntheticModels.publish(
            dir.resolve("a"), "a", base, 4, 1, dev.openledger.core.money.Amount.ZERO);
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(new PrintWriter(out));
    int code =
        cl.execute(
            "openlora",
            "adapter-hash",
            "--model",
            dir.resolve("base").toString(),
            dir.resolve("a").toString());
    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).startsWith(a.adapterHash().toHex() + "  ");
    int missing =
        new CommandLine(new Main())
            .setErr(new PrintWriter(new StringWriter()))
            .execute(
                "openlora",
                "adapter-hash",
                "--model",
                dir.resolve("base").toString(),
                dir.resolve("nowhere").toString());
    assertThat(missing).isEqualTo(ExitCodes.FAILURE);
  }
}
