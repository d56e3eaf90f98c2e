package dev.openledger.openlora.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.core.receipt.ReceiptTree;
import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.core.receipt.UsageReceipt;
import dev.openledger.ml.tokenizer.ChatMessage;
import dev.openledger.openlora.Fixture;
import dev.openledger.openlora.metering.ReceiptBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calls end to end below HTTP: text, stop strings, pricing, receipts, and refusals before work. */
class OpenLoraServiceTest {
  @TempDir Path dir;
  Fixture f;
  OpenLoraService service;

  @BeforeEach
  void start() {
    f = new Fixture(dir, 3);
    f.chain.bindKey("sk-alice", Fixture.ALICE.address());
    f.chain.deposit(Fixture.ALICE.address(), Fixture.PROVIDER.address(), Amount.ofNano(2_000_000));
    service =
        OpenLoraService.start(
            Fixture.BASE,
            OnChain.of(f.chain),
            Fixture.PROVIDER,
            ServeConfig.defaults().withMaxPromptTokens(40).withMaxTokens(20));
  }

  @AfterEach
  void stop() {
    service.close();
  }

  private Ticket submit(Address caller, String model, Prompt p, Sampling s, CallListener l) {
    ServeResult<Ticket> r = service.submit(new Call(caller, model, p, s, l));
    assertThat(r).isInstanceOf(ServeResult.Ok.class);
    return ((ServeResult.Ok<Ticket>) r).value();
  }

  private ServeError refused(Address caller, String model, Prompt p, Sampling s) {
    ServeResult<Ticket> r = service.submit(new Call(caller, model, p, s, new Listen()));
    assertThat(r).isInstanceOf(ServeResult.Refused.class);
    return ((ServeResult.Refused<Ticket>) r).error();
  }

  @Test
  void aCompletionIsChargedExactlyWhatItUsedWithASignedReceipt() throws Exception {
    Listen l = new Listen();
    Ticket t =
        submit(
            Fixture.ALICE.address(),
            "m1",
            new Prompt.Text("The jury said"),
            Sampling.greedy(10),
            l);
    CallResult r = l.await();
    int[] expected = Fixture.alone(f.models.get(1), Fixture.prompt("The jury said"), 10);
    assertThat(l.text()).isEqualTo(Fixture.TOKENIZER.decode(expected, true));
    assertThat(r.completionTokens()).isEqualTo(expected.length);
    assertThat(r.promptTokens()).isEqualTo(t.promptTokens());
    UsageReceipt u = r.receipt().receipt();
    assertThat(r.receipt().verify()).isTrue();
    assertThat(u.requestId()).isEqualTo(t.id()).startsWith("cmpl-");
    assertThat(u.model()).isEqualTo("m1");
    assertThat(u.adapterHash()).isEqualTo(f.models.get(1).adapterHash());
    assertThat(u.caller()).isEqualTo(Fixture.ALICE.address());
    assertThat(u.charge()).isEqualTo(Fixture.PRICE.times(r.totalTokens()));
    assertThat(u.nonce()).isEqualTo(1);
    assertThat(service.meter().channel(Fixture.ALICE.address()).orElseThrow().charged())
        .isEqualTo(u.charge());
    assertThat(service.meter().channel(Fixture.ALICE.address()).orElseThrow().reserved())
        .isEqualTo(Amount.ZERO);
  }

  @Test
  void aChargedCallIsReportedToUsageListenersWithTheExactTokensReadAndWritten() throws Exception {
    java.util.concurrent.LinkedBlockingQueue<ChargedCall> heard =
        new java.util.concurrent.LinkedBlockingQueue<>();
    service.addUsageListener(heard::add);
    Listen l = new Listen();
    submit(Fixture.ALICE.address(), "m1", new Prompt.Text("The jury said"), Sampling.greedy(10), l);
    CallResult r = l.await();
    ChargedCall c = heard.poll(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(c).isNotNull();
    assertThat(c.receipt()).isEqualTo(r.receipt());
    assertThat(c.promptTokens()).containsExactly(Fixture.prompt("The jury said"));
    assertThat(c.completionTokens())
        .containsExactly(Fixture.alone(f.models.get(1), Fixture.prompt("The jury said"), 10));
    assertThat(c.completionTokens()).hasSize(r.receipt().receipt().completionTokens());
  }

  @Test
  void stopStringsCutTheTextAndEndTheRequest() throws Exception {
    Listen full = new Listen();
    submit(
        Fixture.ALICE.address(),
        "m0",
        new Prompt.Text("In the morning"),
        Sampling.greedy(20),
        full);
    full.await();
    String text = full.text();
    assertThat(text.length()).isGreaterThan(6);
    String stop = text.substring(3, 6);
    Listen cut = new Listen();
    Sampling s =
        new Sampling(
            OptionalInt.of(20),
            Optional.of(0.0),
            Optional.empty(),
            List.of(stop),
            OptionalLong.empty());
    submit(Fixture.ALICE.address(), "m0", new Prompt.Text("In the morning"), s, cut);
    CallResult r = cut.await();
    assertThat(cut.text()).isEqualTo(text.substring(0, text.indexOf(stop)));
    assertThat(r.finishReason()).isEqualTo("stop");
  }

  @Test
  void chatUsesTheChatTemplateAndSeededSamplingRepeats() throws Exception {
    Sampling s =
        new Sampling(
            OptionalInt.of(12),
            Optional.of(0.9),
            Optional.of(0.95),
            List.of(),
            OptionalLong.of(42));
    Prompt chat =
        new Prompt.Chat(List.of(ChatMessage.system("be brief"), ChatMessage.user("hello")));
    Listen a = new Listen();
    Listen b = new Listen();
    Ticket ta = submit(Fixture.ALICE.address(), "m2", chat, s, a);
    submit(Fixture.ALICE.address(), "m2", chat, s, b);
    assertThat(ta.id()).startsWith("chatcmpl-");
    assertThat(a.await().finishReason()).isIn("stop", "length");
    b.await();
    assertThat(a.text()).isEqualTo(b.text());
  }

  @Test
  void noRequestIsServedUnpaid() throws Exception {
    KeyPair bob = KeyPair.insecureFromLabel("bob");
    long steps = service.engine().stats().steps();
    ServeError noChannel = refused(bob.address(), "m0", new Prompt.Text("hi"), Sampling.greedy(5));
    assertThat(noChannel.kind()).isEqualTo(ServeError.Kind.INSUFFICIENT_FUNDS);
    assertThat(noChannel.message()).contains("no payment channel");
    // a channel that covers one request of up to 19 tokens
    int promptTokens = Fixture.prompt("hi").length;
    f.chain.deposit(
        bob.address(), Fixture.PROVIDER.address(), Fixture.PRICE.times(promptTokens + 19));
    ServeError tooMuch = refused(bob.address(), "m0", new Prompt.Text("hi"), Sampling.greedy(20));
    assertThat(tooMuch.kind()).isEqualTo(ServeError.Kind.INSUFFICIENT_FUNDS);
    assertThat(service.engine().stats().steps())
        .as("no work for refused requests")
        .isEqualTo(steps);
    assertThat(service.meter().receipts()).isEmpty();
    java.util.concurrent.CountDownLatch checked = new java.util.concurrent.CountDownLatch(1);
    Listen l =
        new Listen() {
          @Override
          public synchronized void onText(String t) {
            try {
              checked.await(
                  30,
                  java.util.concurrent.TimeUnit
                      .SECONDS); // keeps the first request running: test only
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            super.onText(t);
          }
        };
    submit(bob.address(), "m0", new Prompt.Text("hi"), Sampling.greedy(19), l);
    // while the first holds its reservation, a second is refused
    assertThat(refused(bob.address(), "m0", new Prompt.Text("hi"), Sampling.greedy(1)).kind())
        .isEqualTo(ServeError.Kind.INSUFFICIENT_FUNDS);
    checked.countDown();
    CallResult r = l.await();
    assertThat(r.receipt().receipt().charge())
        .isLessThanOrEqualTo(Fixture.PRICE.times(promptTokens + 19));
    assertThat(service.meter().receipts()).hasSize(1);
  }

  @Test
  void concurrentCallsAreEachChargedOnceAndTheBatchProvesEveryReceipt() throws Exception {
    List<Listen> ls = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Listen l = new Listen();
      ls.add(l);
      submit(
          Fixture.ALICE.address(),
          "m" + (i % 3),
          new Prompt.Text("The jury said " + i),
          Sampling.greedy(8),
          l);
    }
    Set<String> ids = new HashSet<>();
    Amount total = Amount.ZERO;
    for (Listen l : ls) {
      SignedReceipt s = l.await().receipt();
      assertThat(ids.add(s.receipt().requestId())).isTrue();
      total = total.plus(s.receipt().charge());
    }
    ReceiptBatch batch = service.meter().cutBatch().orElseThrow();
    assertThat(batch.receipts()).hasSize(12);
    assertThat(batch.total()).isEqualTo(total);
    assertThat(batch.settlements().get(0).lastNonce()).isEqualTo(12);
    for (int i = 0; i < 12; i++) {
      assertThat(ReceiptTree.verify(batch.root(), batch.receipts().get(i), batch.proof(i)))
          .isTrue();
    }
  }

  @Test
  void badCallsAreRefusedWithTheirKind() {
    Address alice = Fixture.ALICE.address();
    assertThat(refused(alice, "nope", new Prompt.Text("hi"), Sampling.greedy(5)).kind())
        .isEqualTo(ServeError.Kind.MODEL_NOT_FOUND);
    String longText = "the jury said ".repeat(30);
    ServeError big = refused(alice, "m0", new Prompt.Text(longText), Sampling.greedy(5));
    assertThat(big.kind()).isEqualTo(ServeError.Kind.PROMPT_TOO_LONG);
    assertThat(big.kind().status()).isEqualTo(413);
    ServeError overMax = refused(alice, "m0", new Prompt.Text("hi"), Sampling.greedy(21));
    assertThat(overMax.param()).contains("max_tokens");
    ServeError hot =
        refused(
            alice,
            "m0",
            new Prompt.Text("hi"),
            new Sampling(
                OptionalInt.of(5),
                Optional.of(2.5),
                Optional.empty(),
                List.of(),
                OptionalLong.empty()));
    assertThat(hot.param()).contains("temperature");
    ServeError topP =
        refused(
            alice,
            "m0",
            new Prompt.Text("hi"),
            new Sampling(
                OptionalInt.of(5),
                Optional.empty(),
                Optional.of(0.0),
                List.of(),
                OptionalLong.empty()));
    assertThat(topP.param()).contains("top_p");
    ServeError stops =
        refused(
            alice,
            "m0",
            new Prompt.Text("hi"),
            new Sampling(
                OptionalInt.of(5),
                Optional.empty(),
                Optional.empty(),
                List.of("a", "b", "c", "d", "e"),
                OptionalLong.empty()));
    assertThat(stops.param()).contains("stop");
    ServeError badToken =
        refused(alice, "m0", new Prompt.Tokens(new int[] {1, 99999}), Sampling.greedy(5));
    assertThat(badToken.param()).contains("prompt");
    String nearlyFull = "the jury said ".repeat(9);
    ServeError context = refused(alice, "m0", new Prompt.Text(nearlyFull), Sampling.greedy(20));
    assertThat(context.kind())
        .isIn(ServeError.Kind.CONTEXT_LENGTH_EXCEEDED, ServeError.Kind.PROMPT_TOO_LONG);
    assertThat(service.authenticate(Optional.empty())).isInstanceOf(ServeResult.Refused.class);
    ServeResult<Address> wrong = service.authenticate(Optional.of("Bearer sk-wrong-key-123"));
    assertThat(((ServeResult.Refused<Address>) wrong).error().kind())
        .isEqualTo(ServeError.Kind.INVALID_API_KEY);
    assertThat(((ServeResult.Refused<Address>) wrong).error().message())
        .doesNotContain("sk-wrong-key-123");
    assertThat(service.authenticate(Optional.of("Bearer sk-alice")))
        .isEqualTo(ServeResult.ok(alice));
    assertThat(service.meter().receipts()).isEmpty();
  }
}
