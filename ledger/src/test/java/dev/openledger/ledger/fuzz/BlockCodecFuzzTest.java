package dev.openledger.ledger.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.ledger.block.Block;
import dev.openledger.ledger.block.BlockResults;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Block and block-results bytes (the store, and a replica's log): decoding returns a value or
 * throws {@link DecodeException} with a message, nothing else; what decodes re-encodes to the same
 * bytes. The first input byte picks the decoder (even: {@link Block}, odd: {@link BlockResults});
 * the rest is the encoding.
 */
class BlockCodecFuzzTest {
  @FuzzTest
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void decode(byte[] input) {
    if (input.length == 0) {
      return;
    }
    byte[] bytes = Arrays.copyOfRange(input, 1, input.length);
    try {
      if ((input[0] & 1) == 0) {
        assertThat(Block.decode(bytes).encode()).isEqualTo(bytes);
      } else {
        assertThat(BlockResults.decode(bytes).encode()).isEqualTo(bytes);
      }
    } catch (DecodeException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
