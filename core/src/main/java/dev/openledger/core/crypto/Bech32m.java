package dev.openledger.core.crypto;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Bech32m text encoding (BIP-173 with the BIP-350 constant): a human-readable prefix, the separator
 * {@code 1}, base-32 data and a 6-character BCH checksum that detects any error in up to 4
 * characters.
 */
final class Bech32m {
  private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int CONST = 0x2bc830a3;
  private static final int[] GEN = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

  private Bech32m() {}

  static String encode(String hrp, byte[] payload) {
    byte[] data = convertBits(payload, 8, 5, true);
    byte[] checksum = checksum(hrp, data);
    StringBuilder sb =
        new StringBuilder(hrp.length() + 1 + data.length + 6).append(hrp).append('1');
    for (byte b : data) {
      sb.append(CHARSET.charAt(b));
    }
    for (byte b : checksum) {
      sb.append(CHARSET.charAt(b));
    }
    return sb.toString();
  }

  /**
   * Decodes {@code text}, requiring the given prefix; throws with a reason when anything is off.
   */
  static byte[] decode(String hrp, String text) {
    if (text.length() > 90) {
      throw new IllegalArgumentException("bech32m text longer than 90 characters");
    }
    if (!text.equals(text.toLowerCase(Locale.ROOT))
        && !text.equals(text.toUpperCase(Locale.ROOT))) {
      throw new IllegalArgumentException("bech32m text mixes upper and lower case");
    }
    String s = text.toLowerCase(Locale.ROOT);
    int sep = s.lastIndexOf('1');
    if (sep < 1 || s.length() - sep - 1 < 6) {
      throw new IllegalArgumentException("missing '1' separator or checksum");
    }
    String gotHrp = s.substring(0, sep);
    if (!gotHrp.equals(hrp)) {
      throw new IllegalArgumentException("expected prefix '" + hrp + "1', got '" + gotHrp + "1'");
    }
    byte[] values = new byte[s.length() - sep - 1];
    for (int i = 0; i < values.length; i++) {
      int v = CHARSET.indexOf(s.charAt(sep + 1 + i));
      if (v < 0) {
        throw new IllegalArgumentException("invalid character '" + s.charAt(sep + 1 + i) + "'");
      }
      values[i] = (byte) v;
    }
    if (polymod(expand(hrp), values) != CONST) {
      throw new IllegalArgumentException("checksum mismatch (a character is mistyped)");
    }
    byte[] data = new byte[values.length - 6];
    System.arraycopy(values, 0, data, 0, data.length);
    return convertBits(data, 5, 8, false);
  }

  private static byte[] checksum(String hrp, byte[] data) {
    byte[] hrpExp = expand(hrp);
    byte[] values = new byte[data.length + 6];
    System.arraycopy(data, 0, values, 0, data.length);
    int mod = polymod(hrpExp, values) ^ CONST;
    byte[] out = new byte[6];
    for (int i = 0; i < 6; i++) {
      out[i] = (byte) ((mod >>> (5 * (5 - i))) & 31);
    }
    return out;
  }

  private static byte[] expand(String hrp) {
    byte[] out = new byte[hrp.length() * 2 + 1];
    for (int i = 0; i < hrp.length(); i++) {
      out[i] = (byte) (hrp.charAt(i) >> 5);
      out[i + hrp.length() + 1] = (byte) (hrp.charAt(i) & 31);
    }
    return out;
  }

  private static int polymod(byte[] hrpExp, byte[] values) {
    int chk = 1;
    for (byte[] part : new byte[][] {hrpExp, values}) {
      for (byte v : part) {
        int top = chk >>> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ v;
        for (int i = 0; i < 5; i++) {
          if (((top >>> i) & 1) != 0) {
            chk ^= GEN[i];
          }
        }
      }
    }
    return chk;
  }

  private static byte[] convertBits(byte[] in, int from, int to, boolean pad) {
    int acc = 0;
    int bits = 0;
    int maxv = (1 << to) - 1;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte b : in) {
      int value = b & 0xff;
      if ((value >>> from) != 0) {
        throw new IllegalArgumentException("invalid data value");
      }
      acc = (acc << from) | value;
      bits += from;
      while (bits >= to) {
        bits -= to;
        out.write((acc >>> bits) & maxv);
      }
    }
    if (pad) {
      if (bits > 0) {
        out.write((acc << (to - bits)) & maxv);
      }
    } else if (bits >= from || ((acc << (to - bits)) & maxv) != 0) {
      throw new IllegalArgumentException("invalid padding in bech32m data");
    }
    return out.toByteArray();
  }
}
