package dev.openledger.openlora.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The devnet chain file: what it lists is what the in-memory chain answers. */
class ChainFileTest {
  @TempDir Path dir;

  @Test
  void aWrittenFileReadsBackIntoTheSameChain() throws IOException {
    Address dev = KeyPair.insecureFromLabel("dev").address();
    Address alice = KeyPair.insecureFromLabel("alice").address();
    Address provider = KeyPair.insecureFromLabel("provider").address();
    Hash h = Hash.sha256(new byte[] {1});
    Path file = dir.resolve("chain.json");
    ChainFile.write(file, new ChainFile.Contents(
        List.of(new ChainFile.Model("legal-qa", "brown-tiny", "adapters/legal-qa", h, Amount.parse("0.000001"), dev)),
        List.of(new ChainFile.Key(ApiKeyDirectory.hashOf("sk-alice"), alice)),
        List.of(new ChainFile.Escrow(alice, provider, Amount.ofOpen(10)))));
    InMemoryChain chain = ChainFile.read(file);
    ModelListing m = chain.lookup("legal-qa").orElseThrow();
    assertThat(m.adapterDir()).isEqualTo(dir.toAbsolutePath().resolve("adapters/legal-qa"));
    assertThat(m.adapterHash()).isEqualTo(h);
    assertThat(m.pricePerToken()).isEqualTo(Amount.ofNano(1000));
    assertThat(chain.account(ApiKeyDirectory.hashOf("sk-alice"))).contains(alice);
    assertThat(chain.account(ApiKeyDirectory.hashOf("sk-bob"))).isEmpty();
    EscrowAccount e = chain.escrow(alice, provider).orElseThrow();
    assertThat(e.deposit()).isEqualTo(Amount.ofOpen(10));
    assertThat(e.id()).isEqualTo(InMemoryChain.channelId(alice, provider));
    assertThat(chain.escrow(provider, alice)).isEmpty();
  }

  @Test
  void unknownFieldsAndBadNamesAreRefused() throws IOException {
    Path file = dir.resolve("chain.json");
    Files.writeString(file, "{\"models\": [], \"keys\": []}");
    assertThatThrownBy(() -> ChainFile.read(file)).isInstanceOf(IOException.class).hasMessageContaining("keys");
    Files.writeString(file, "{\"models\": [{\"name\": \"bad name\", \"base_model\": \"b\", \"adapter_dir\": \"x\", \"adapter_hash\": \""
        + Hash.ZERO.toHex() + "\", \"price_per_token\": \"1\", \"developer\": \"" + KeyPair.insecureFromLabel("d").address() + "\"}]}");
    assertThatThrownBy(() -> ChainFile.read(file)).isInstanceOf(IOException.class).hasMessageContaining("model name");
  }
}
