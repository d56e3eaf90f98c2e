package dev.openledger.core;

/** Lower-case hexadecimal encoding. Decoding accepts either case and rejects anything else. */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  public static String encode(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /**
   * Decodes hex text, with or without a {@code 0x} prefix.
   *
   * @throws IllegalArgumentException naming the first offending character or the odd length
   */
  public static byte[] decode(String text) {
    String s = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
    if ((s.length() & 1) != 0) {
      throw new IllegalArgumentException(
          "hex text has an odd number of digits (" + s.length() + ")");
    }
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ((digit(s, 2 * i) << 4) | digit(s, 2 * i + 1));
    }
    return out;
  }

  private static int digit(String s, int index) {
    int d = Character.digit(s.charAt(index), 16);
    if (d < 0) {
      throw new IllegalArgumentException(
          "not a hex digit at position " + index + ": '" + s.charAt(index) + "'");
    }
    return d;
  }
}
