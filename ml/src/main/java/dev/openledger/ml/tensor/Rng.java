package dev.openledger.ml.tensor;

/**
 * A small deterministic random source (SplitMix64, Steele, Lea and Flood, OOPSLA 2014) whose whole
 * state is one {@code long}, so training checkpoints can save and restore it exactly. Gaussians use
 * the Box–Muller transform with {@link StrictMath}, so a seed gives the same numbers on every JVM.
 */
public final class Rng {
  private long state;

  public Rng(long seed) {
    this.state = seed;
  }

  /** The whole state; {@code new Rng(s.state())} continues the same sequence. */
  public long state() {
    return state;
  }

  public long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in {@code [0, 1)} with 24 random bits. */
  public float nextFloat() {
    return (nextLong() >>> 40) * 0x1.0p-24f;
  }

  /** Uniform in {@code [0, 1)} with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in {@code [0, bound)}. */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive");
    }
    return (int) Math.floorMod(nextLong() >>> 1, (long) bound);
  }

  /** Standard normal. */
  public double nextGaussian() {
    double u1 = 1.0 - nextDouble(); // (0, 1]
    double u2 = nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
  }

  /** A generator for a sub-task, seeded from this one (advances this one by one step). */
  public Rng split() {
    return new Rng(nextLong());
  }
}
