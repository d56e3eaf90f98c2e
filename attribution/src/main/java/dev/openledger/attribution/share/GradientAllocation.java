package dev.openledger.attribution.share;

/**
 * The gradient track's integer split of its pool.
 *
 * @param rowUnits units per store row (0 for rows that earn nothing)
 * @param unallocated units no row could take (no helpful row, or caps that cannot be met); goes
 *     back to the payer of the pool's remainder (the settlement's treasury rule)
 */
public record GradientAllocation(long[] rowUnits, long unallocated) {
  public GradientAllocation {
    rowUnits = rowUnits.clone();
  }

  @Override
  public long[] rowUnits() {
    return rowUnits.clone();
  }

  public long units(int row) {
    return rowUnits[row];
  }
}
