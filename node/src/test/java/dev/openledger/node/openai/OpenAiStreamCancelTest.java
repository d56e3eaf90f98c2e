package dev.openledger.node.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.openlora.bench.SyntheticModels;
import dev.openledger.openlora.chain.InMemoryChain;
import dev.openledger.openlora.service.BaseModel;
import dev.openledger.openlora.service.OnChain;
import dev.openledger.openlora.service.OpenLoraService;
import dev.openledger.openlora.service.ServeConfig;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A streaming client that hangs up stops its generation and pays only for what was produced. */
class OpenAiStreamCancelTest {
  @TempDir Path dir;

  @Test
  void disconnectingCancelsTheStreamAndChargesOnlyTheTokensProduced() throws Exception {
    // wide enough that 1,000 tokens take far longer than reading the first event and hanging up;
    // greedy, so the same tokens come every run (this adapter's greedy continuation has no EOS in
    // its first 1,000 tokens)
    BaseModel base =
        SyntheticModels.base("wide-base", SyntheticModels.tokenizer(300), 256, 4, 1100, 3);
    KeyPair provider = KeyPair.insecureFromLabel("provider");
    KeyPair alice = KeyPair.insecureFromLabel("alice");
    InMemoryChain chain =
        new InMemoryChain()
            .putModel(
                SyntheticModels.publish(dir.resolve("m0"), "m0", base, 4, 1, Amount.ofNano(1)))
            .bindKey("sk-a", alice.address());
    chain.deposit(alice.address(), provider.address(), Amount.ofOpen(1));
    try (OpenLoraService service =
            OpenLoraService.start(base, OnChain.of(chain), provider, ServeConfig.defaults());
        OpenAiServer server = OpenAiServer.start(service, "127.0.0.1", 0)) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<InputStream> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + server.port() + "/v1/completions"))
                  .header("Authorization", "Bearer sk-a")
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"model\":\"m0\",\"prompt\":\"The jury said\",\"max_tokens\":1000,\"temperature\":0,\"stream\":true}"))
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      assertThat(r.statusCode()).isEqualTo(200);
      try (InputStream in = r.body()) {
        assertThat(in.read(new byte[16])).isPositive(); // the first event has started to arrive
      }
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (service.meter().receipts().isEmpty() && System.nanoTime() < until) {
        Thread.sleep(10);
      }
      List<SignedReceipt> receipts = service.meter().receipts();
      assertThat(receipts).hasSize(1);
      int produced = receipts.get(0).receipt().completionTokens();
      assertThat(produced).isBetween(1, 999);
      assertThat(service.metricsText())
          .contains("openlora_requests_total{model=\"m0\",outcome=\"cancelled\"} 1");
      assertThat(service.meter().channel(alice.address()).orElseThrow().reserved())
          .isEqualTo(Amount.ZERO);
    }
  }
}
