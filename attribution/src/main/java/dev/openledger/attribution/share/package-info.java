/**
 * Turning row scores into integer shares: keep helpful rows, clip outliers, cap rows and
 * contributors, sum per contributor and per Datanet, apportion exactly.
 *
 * <p>Invariants: shares are integers on a fixed scale (parts per 10⁹ by default) that sum exactly
 * to the pool, the unallocated remainder included; no row exceeds {@code ⌊rowCap·scale⌋} and no
 * contributor exceeds {@code ⌊contributorCap·scale⌋} of the gradient pool; the same inputs give the
 * same integers on any machine (fixed iteration order; ties between contributors go to the lower
 * address, ties between rows of one contributor to the lower row index).
 */
package dev.openledger.attribution.share;
