package dev.openledger.node.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * The benchmark runs end to end on a small load (its figures are not checked: timing belongs in the
 * command).
 */
class LedgerBenchTest {
  @Test
  void commitsEveryTransferAndReportsItsFigures() throws Exception {
    StringWriter progress = new StringWriter();
    LedgerBench.Result r =
        LedgerBench.run(
            new LedgerBench.Config(300, 30, true, 100, 0.05, 0), new PrintWriter(progress));
    assertThat(r.committedOk()).isEqualTo(300);
    assertThat(r.txs()).isEqualTo(300);
    assertThat(r.blocks()).isGreaterThanOrEqualTo(3);
    assertThat(r.txPerSecond()).isPositive();
    assertThat(r.verifyPerSecondOneThread()).isPositive();
    assertThat(r.openSslVerifyPerSecond()).isNull();
    assertThat(r.machine().cores()).isPositive();
    assertThat(progress.toString()).contains("submitting 300 transfers");
  }
}
