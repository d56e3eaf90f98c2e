package dev.openledger.ml.tokenizer;

/**
 * GPT-2's reversible byte → character map ({@code bytes_to_unicode} in OpenAI's {@code
 * encoder.py}): the printable bytes {@code !}–{@code ~}, {@code ¡}–{@code ¬}, {@code ®}–{@code ÿ}
 * map to themselves, the other 68 bytes to U+0100 + n in byte order. Byte-level tokens are strings
 * over these 256 characters.
 */
public final class ByteLevel {
  private static final char[] BYTE_TO_CHAR = new char[256];

  /** Inverse map, indexed by character; -1 where the character is not in the alphabet. */
  private static final int[] CHAR_TO_BYTE = new int[256 + 68];

  static {
    java.util.Arrays.fill(CHAR_TO_BYTE, -1);
    int n = 0;
    for (int b = 0; b < 256; b++) {
      boolean printable =
          (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      char c = printable ? (char) b : (char) (256 + n++);
      BYTE_TO_CHAR[b] = c;
      CHAR_TO_BYTE[c] = b;
    }
  }

  private ByteLevel() {}

  /** The character standing for byte {@code b} (0–255). */
  public static char charOf(int b) {
    return BYTE_TO_CHAR[b & 0xFF];
  }

  /** The byte a character stands for, or -1 if it is not one of the 256 byte-level characters. */
  public static int byteOf(char c) {
    return c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
  }

  /** Byte-level text of {@code bytes[off, off+len)}. */
  public static String encode(byte[] bytes, int off, int len) {
    char[] out = new char[len];
    for (int i = 0; i < len; i++) {
      out[i] = BYTE_TO_CHAR[bytes[off + i] & 0xFF];
    }
    return new String(out);
  }

  /** Byte-level text of {@code bytes}. */
  public static String encode(byte[] bytes) {
    return encode(bytes, 0, bytes.length);
  }

  /** Whether every character of {@code token} is a byte-level character. */
  public static boolean isByteLevel(String token) {
    for (int i = 0; i < token.length(); i++) {
      if (byteOf(token.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The bytes a byte-level token stands for.
   *
   * @throws IllegalArgumentException if a character is outside the byte-level alphabet
   */
  public static byte[] decode(String token) {
    byte[] out = new byte[token.length()];
    for (int i = 0; i < out.length; i++) {
      int b = byteOf(token.charAt(i));
      if (b < 0) {
        throw new IllegalArgumentException(
            "character U+"
                + String.format("%04X", (int) token.charAt(i))
                + " of token '"
                + token
                + "' is not a byte-level character");
      }
      out[i] = (byte) b;
    }
    return out;
  }
}
