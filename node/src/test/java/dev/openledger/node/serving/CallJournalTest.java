package dev.openledger.node.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.openlora.metering.ReceiptBatch;
import dev.openledger.openlora.service.ChargedCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The call journal gives back exactly the calls written before a stop (a torn last record is cut
 * off, a foreign file refused), and compaction keeps what a need holds on to without losing or
 * repeating a call appended meanwhile.
 */
class CallJournalTest {
  @TempDir Path dir;

  static List<ChargedCall> calls(String channel, int n) {
    ReceiptBatch b = SettledBatchStoreTest.batch(channel, 1, n);
    List<ChargedCall> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      SignedReceipt r = b.receipts().get(i);
      int[] prompt = {1, 300 + i, 70_000};
      int[] completion = new int[i]; // the first call generated nothing
      for (int k = 0; k < i; k++) {
        completion[k] = k * 1000;
      }
      out.add(new ChargedCall(r, prompt, completion));
    }
    return out;
  }

  private static List<String> ids(List<ChargedCall> calls) {
    return calls.stream().map(c -> c.receipt().receipt().requestId()).toList();
  }

  @Test
  void callsWrittenBeforeAStopReadBackWholeAndATornTailIsCutOff() throws IOException {
    Path file = dir.resolve("serving").resolve("calls.journal");
    List<ChargedCall> calls = calls("a", 4);
    try (CallJournal j = CallJournal.open(file)) {
      assertThat(j.recovered()).isEmpty();
      calls.forEach(j::append);
      j.flush();
      assertThat(j.size()).isEqualTo(4);
    }
    long whole = Files.size(file);
    try (CallJournal j = CallJournal.open(file)) {
      assertThat(ids(j.recovered())).isEqualTo(ids(calls));
      for (int i = 0; i < calls.size(); i++) {
        assertThat(j.recovered().get(i).receipt()).isEqualTo(calls.get(i).receipt());
        assertThat(j.recovered().get(i).promptTokens()).isEqualTo(calls.get(i).promptTokens());
        assertThat(j.recovered().get(i).completionTokens())
            .isEqualTo(calls.get(i).completionTokens());
      }
    }
    // a stop in the middle of writing a fifth record
    byte[] bytes = Files.readAllBytes(file);
    byte[] torn = new byte[bytes.length + 30];
    System.arraycopy(bytes, 0, torn, 0, bytes.length);
    torn[bytes.length] = 100; // a length that runs past the end
    Files.write(file, torn);
    try (CallJournal j = CallJournal.open(file)) {
      assertThat(ids(j.recovered())).isEqualTo(ids(calls));
      assertThat(Files.size(file)).as("the torn record is cut off").isEqualTo(whole);
      j.append(calls("b", 1).get(0));
    }
    try (CallJournal j = CallJournal.open(file)) {
      assertThat(j.recovered()).hasSize(5);
    }
    // a damaged byte inside the last record: that record and nothing before it is dropped
    bytes = Files.readAllBytes(file);
    bytes[bytes.length - 3] ^= 1;
    Files.write(file, bytes);
    try (CallJournal j = CallJournal.open(file)) {
      assertThat(ids(j.recovered())).isEqualTo(ids(calls));
    }
  }

  @Test
  void anEmptyFileIsAnEmptyJournal() throws IOException {
    Path file = dir.resolve("calls.journal");
    Files.write(file, new byte[0]);
    try (CallJournal j = CallJournal.open(file)) {
      assertThat(j.recovered()).isEmpty();
      j.append(calls("a", 1).get(0));
    }
    try (CallJournal j = CallJournal.open(file)) {
      assertThat(j.recovered()).hasSize(1);
    }
  }

  @Test
  void aFileThatIsNotACallJournalIsRefused() throws IOException {
    Path file = dir.resolve("calls.journal");
    Files.writeString(file, "{\"not\": \"a journal\"}");
    assertThatThrownBy(() -> CallJournal.open(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a call journal");
    assertThat(Files.readString(file)).as("left as it was").startsWith("{");
  }

  @Test
  void compactionKeepsWhatANeedHoldsAndNothingAppendedMeanwhileIsLost() throws Exception {
    Path file = dir.resolve("calls.journal");
    List<ChargedCall> first = calls("a", 6);
    Set<String> unsettled = ConcurrentHashMap.newKeySet();
    try (CallJournal j = CallJournal.open(file)) {
      j.addNeed(
          () -> {
            Set<String> now = Set.copyOf(unsettled);
            return c -> now.contains(c.receipt().receipt().requestId());
          });
      Predicate<ChargedCall> odd = c -> c.receipt().receipt().nonce() % 2 == 1;
      j.addNeed(() -> odd);
      first.forEach(j::append);
      unsettled.add("cmpl-a-2");
      assertThat(j.compact()).isEqualTo(2); // 4 and 6 go
      assertThat(j.size()).isEqualTo(4);

      // calls appended from another thread while compactions run are all kept (all unsettled)
      List<ChargedCall> more = calls("c", 300);
      more.forEach(c -> unsettled.add(c.receipt().receipt().requestId()));
      Thread appender = new Thread(() -> more.forEach(j::append));
      appender.start();
      while (appender.isAlive()) {
        j.compact();
      }
      appender.join();
      j.flush();
    }
    try (CallJournal j = CallJournal.open(file)) {
      List<String> expected =
          new ArrayList<>(List.of("cmpl-a-1", "cmpl-a-2", "cmpl-a-3", "cmpl-a-5"));
      expected.addAll(ids(calls("c", 300)));
      // every call once; a batch the writer took from the queue while a compaction ran lands after
      // it, so the file's order is not the order of appending (restoring sorts by channel and
      // nonce)
      assertThat(ids(j.recovered())).containsExactlyInAnyOrderElementsOf(expected);
    }
  }
}
