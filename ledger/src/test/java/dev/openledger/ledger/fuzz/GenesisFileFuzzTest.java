package dev.openledger.ledger.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.openledger.core.Result;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.genesis.GenesisFile;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * A genesis file handed to {@code openledger init}: {@link GenesisFile#parse} returns a validated
 * genesis or a {@code bad_genesis} error with a message, never an exception.
 */
class GenesisFileFuzzTest {
  @FuzzTest
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void parse(byte[] bytes) {
    Result<Genesis> r = GenesisFile.parse(bytes);
    if (r instanceof Result.Err<Genesis> err) {
      assertThat(err.code()).isEqualTo("bad_genesis");
      assertThat(err.message()).isNotBlank();
    } else {
      assertThat(r.orElseThrow().chainId()).isNotBlank();
    }
  }
}
