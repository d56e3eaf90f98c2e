package dev.openledger.ledger.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.openledger.core.Result;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.tx.ChainRules;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.TxCodec;
import dev.openledger.ledger.tx.TxVerifier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Transaction bytes from the network ({@code POST /api/tx}, a peer's log): {@link TxCodec#decode}
 * returns a transaction or an error value with a known code, never throws; a decoded transaction
 * re-encodes to exactly the input (the codec is canonical), and verifying it is again a value, not
 * an exception. The stateless verifier runs too, so signature and chain checks see hostile bytes.
 */
class TxDecodeFuzzTest {
  private static final TxVerifier VERIFIER =
      new TxVerifier(
          new ChainRules(DevnetGenesis.CHAIN_ID, TxCodec.HARD_MAX_TX_BYTES, Amount.ZERO));

  @FuzzTest
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void decode(byte[] bytes) {
    Result<SignedTransaction> r = TxCodec.decode(bytes);
    if (r instanceof Result.Err<SignedTransaction> err) {
      assertThat(err.code()).isIn("malformed", "unknown_message", "too_large");
      assertThat(err.message()).isNotBlank();
      return;
    }
    SignedTransaction tx = r.orElseThrow();
    assertThat(tx.encoded()).isEqualTo(bytes);
    Result<?> verified = VERIFIER.verify(tx);
    if (verified instanceof Result.Err<?> err) {
      assertThat(err.code()).isNotBlank();
    }
  }
}
