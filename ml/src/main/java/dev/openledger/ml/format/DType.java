package dev.openledger.ml.format;

/**
 * Element types this engine stores in safetensors, with their conversions to and from {@code
 * float}. F16 and BF16 conversions round to nearest, ties to even, and keep NaN and infinities.
 */
public enum DType {
  F32(4),
  F16(2),
  BF16(2);

  private final int size;

  DType(int size) {
    this.size = size;
  }

  /** Bytes per element. */
  public int size() {
    return size;
  }

  /** The dtype named {@code name} in a safetensors header, e.g. {@code "BF16"}. */
  static DType parse(String name, String tensor) throws FormatException {
    for (DType d : values()) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    throw new FormatException(
        "tensor '" + tensor + "': dtype '" + name + "' is not supported (only F32, F16, BF16)");
  }

  /** IEEE 754 half (binary16) bits → float; exact. */
  public static float halfToFloat(short h) {
    int bits = h & 0xFFFF;
    int sign = (bits & 0x8000) << 16;
    int exp = (bits >>> 10) & 0x1F;
    int mant = bits & 0x3FF;
    if (exp == 0x1F) {
      return Float.intBitsToFloat(
          sign | 0x7F800000 | (mant << 13)); // infinity or NaN (payload kept)
    }
    if (exp == 0) {
      // zero or subnormal: mant × 2^-24, exact in float
      float v = mant * 0x1p-24f;
      return sign == 0 ? v : -v;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }

  /** float → IEEE 754 half bits, rounding to nearest even; too large → infinity; NaN stays NaN. */
  public static short floatToHalf(float f) {
    int bits = Float.floatToRawIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int abs = bits & 0x7FFFFFFF;
    if (abs >= 0x7F800000) {
      // infinity, or NaN with the quiet bit set so that a payload in the low bits cannot make it
      // infinity
      return (short) (sign | (abs == 0x7F800000 ? 0x7C00 : 0x7E00 | ((abs >>> 13) & 0x3FF)));
    }
    if (abs >= 0x477FF000) {
      return (short) (sign | 0x7C00); // ≥ 65520 rounds to infinity
    }
    if (abs < 0x38800000) {
      // below the smallest normal half (2^-14): a subnormal, mant = round(|f| × 2^24)
      if (abs < 0x33000000) {
        return (short)
            sign; // below half the smallest subnormal (2^-25): zero (2^-25 itself ties to even 0)
      }
      int exp = abs >>> 23;
      int mant = (abs & 0x7FFFFF) | 0x800000;
      int shift = 126 - exp; // 14..24 so that the result is mant >> shift
      int half = mant >>> shift;
      int rem = mant & ((1 << shift) - 1);
      int mid = 1 << (shift - 1);
      if (rem > mid || (rem == mid && (half & 1) == 1)) {
        half++;
      }
      return (short) (sign | half);
    }
    int rounded = abs + 0xFFF + ((abs >>> 13) & 1); // round to nearest even at bit 13
    return (short) (sign | ((rounded - (112 << 23)) >>> 13));
  }

  /** bfloat16 bits → float; exact. */
  public static float bf16ToFloat(short b) {
    return Float.intBitsToFloat((b & 0xFFFF) << 16);
  }

  /** float → bfloat16 bits, rounding to nearest even; NaN stays NaN. */
  public static short floatToBf16(float f) {
    int bits = Float.floatToRawIntBits(f);
    if ((bits & 0x7FFFFFFF) > 0x7F800000) {
      return (short) ((bits >>> 16) | 0x40); // quiet NaN
    }
    return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
  }
}
