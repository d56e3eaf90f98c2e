package dev.openledger.ledger.msg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.json.Json;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.TestChains;
import dev.openledger.ledger.block.Block;
import dev.openledger.ledger.block.BlockHeader;
import dev.openledger.ledger.tx.SignedTransaction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The cluster module's messages and invalid-block evidence survive the codec and JSON unchanged. */
class ClusterMessagesTest {
  static final KeyPair N4 = KeyPair.insecureFromLabel("n4");

  /** A block of {@code n} transfers signed by {@code proposer}. */
  static Block block(KeyPair proposer, int n) {
    List<SignedTransaction> txs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      txs.add(TestChains.tx(TestChains.key("alice"), i, new Transfer(TestChains.key("bob").address(), Amount.ofOpen(1))));
    }
    BlockHeader h = new BlockHeader("openledger-devnet", 7, 1000, Hash.ZERO, Block.txRoot(txs), Hash.ZERO, Hash.ZERO, proposer.publicKey(), n);
    return new Block(h, proposer.sign(h.signingBytes()), txs);
  }

  @Test
  void clusterMessagesAndInvalidBlockEvidenceRoundTrip() throws Exception {
    Evidence.InvalidBlock evidence = Evidence.InvalidBlock.of(block(N4, 5), 3);
    assertThat(evidence.included()).isTrue();
    assertThat(evidence.infractionHeight()).as("the parent: the block was never stored").isEqualTo(6);
    assertThat(evidence.offender()).isEqualTo(N4.address());
    List<Message> samples = List.of(new AddValidator("n4", N4.publicKey(), "127.0.0.1:9864"), new RemoveValidator("n1"), new Slash(evidence));
    Set<String> covered = new HashSet<>();
    for (Message m : samples) {
      covered.add(m.type().name());
      CanonicalWriter w = new CanonicalWriter();
      MessageCodec.encode(m, w);
      CanonicalReader r = new CanonicalReader(w.toByteArray());
      assertThat(MessageCodec.decode(r)).as(m.type().name()).isEqualTo(m);
      r.finish();
      JsonNode json = Json.mapper().readTree(Json.write(MessageJson.toJson(m)));
      assertThat(MessageJson.fromJson(json)).as(m.type().name()).isEqualTo(m);
    }
    for (MessageType<?> t : MessageCodec.all()) {
      if (t.tag() >> 8 == 8) {
        assertThat(covered).as("no sample of " + t.name()).contains(t.name());
      }
    }
    JsonNode add = Json.mapper().readTree(Json.write(MessageJson.toJson(samples.get(0))));
    assertThat(add.get("type").asText()).isEqualTo("cluster/add_validator");
    assertThat(add.get("raft").asText()).isEqualTo("127.0.0.1:9864");
  }

  @Test
  void badIdsAddressesAndIndicesAreRefused() {
    assertThatThrownBy(() -> new AddValidator("N4!", N4.publicKey(), "127.0.0.1:1")).hasMessageContaining("validator id");
    assertThatThrownBy(() -> new AddValidator("n4", N4.publicKey(), "")).hasMessageContaining("Raft address");
    assertThatThrownBy(() -> new AddValidator("n4", N4.publicKey(), "no port")).hasMessageContaining("host:port");
    assertThatThrownBy(() -> new RemoveValidator("")).hasMessageContaining("validator id");
    Block b = block(N4, 2);
    assertThatThrownBy(() -> new Evidence.InvalidBlock(b.header(), b.signature(), b.txs().get(0), 2, List.of())).hasMessageContaining("outside");
    assertThatThrownBy(() -> MessageJson.fromJson(Json.mapper().createObjectNode().put("type", "cluster/add_validator").put("id", "n4")))
        .hasMessageStartingWith("cluster/add_validator");
  }
}
