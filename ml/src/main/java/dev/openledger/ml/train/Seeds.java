package dev.openledger.ml.train;

/** Derives independent seeds from (seed, index, stream) so random streams need no saved state. */
final class Seeds {
  private Seeds() {}

  static long mix(long seed, long index, long stream) {
    long z = seed ^ (index * 0x9E3779B97F4A7C15L) ^ (stream * 0xC2B2AE3D27D4EB4FL);
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }
}
