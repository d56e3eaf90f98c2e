package dev.openledger.ml.tokenizer;

/**
 * UTF-8 encoding that turns each lone surrogate into U+FFFD (EF BF BD), as JavaScript's {@code
 * TextEncoder} and Rust's {@code String} do; {@link String#getBytes} would write {@code ?} instead.
 */
final class Utf8 {
  private Utf8() {}

  static byte[] encode(CharSequence s) {
    int n = s.length();
    byte[] out = new byte[n * 3];
    int o = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        out[o++] = (byte) c;
      } else if (c < 0x800) {
        out[o++] = (byte) (0xC0 | (c >> 6));
        out[o++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        out[o++] = (byte) (0xF0 | (cp >> 18));
        out[o++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        out[o++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        out[o++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        int cp = Character.isSurrogate(c) ? 0xFFFD : c;
        out[o++] = (byte) (0xE0 | (cp >> 12));
        out[o++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        out[o++] = (byte) (0x80 | (cp & 0x3F));
      }
    }
    return java.util.Arrays.copyOf(out, o);
  }
}
