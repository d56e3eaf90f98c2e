package dev.openledger.ml.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns tokens into text one at a time, for streaming generation. A byte-level token may end inside
 * a UTF-8 sequence (an emoji is often two or three tokens), so bytes of an unfinished character are
 * held back until the character is complete. Not thread-safe: one per generated sequence.
 */
public final class StreamingDecoder {
  private final BpeTokenizer tokenizer;
  private final boolean skipSpecial;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  public StreamingDecoder(BpeTokenizer tokenizer, boolean skipSpecial) {
    this.tokenizer = tokenizer;
    this.skipSpecial = skipSpecial;
  }

  /** The text completed by token {@code id}; empty while a character is still unfinished. */
  public String push(int id) {
    if (skipSpecial && tokenizer.isSpecial(id)) {
      return "";
    }
    byte[] b = tokenizer.tokenBytes(id);
    pending.write(b, 0, b.length);
    byte[] all = pending.toByteArray();
    int complete = completePrefix(all);
    pending.reset();
    pending.write(all, complete, all.length - complete);
    return new String(all, 0, complete, StandardCharsets.UTF_8);
  }

  /**
   * Whatever is held back, decoded with U+FFFD for the unfinished bytes; the decoder is then empty.
   */
  public String flush() {
    String s = pending.toString(StandardCharsets.UTF_8);
    pending.reset();
    return s;
  }

  /**
   * Length of the longest prefix that does not end inside a UTF-8 sequence which later bytes could
   * finish. Invalid bytes are not held back: they decode to U+FFFD now.
   */
  static int completePrefix(byte[] b) {
    int n = b.length;
    // A sequence is at most 4 bytes: look back at most 3 bytes for a lead byte.
    for (int back = 1; back <= Math.min(3, n); back++) {
      int c = b[n - back] & 0xFF;
      if (c < 0x80) {
        return n; // ASCII: nothing pending
      }
      if (c >= 0xC0) {
        int need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        return back < need && c < 0xF8 ? n - back : n;
      }
      // continuation byte: keep looking back
    }
    return n;
  }
}
