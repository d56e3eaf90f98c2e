/**
 * Scoring stored training rows against a query gradient: DataInf's closed form (Kwon et al., ICLR
 * 2024), TracIn-CP (Pruthi et al., NeurIPS 2020), gradient dot product and cosine, and
 * self-influence.
 *
 * <p>Invariants: a score is positive when a gradient step on the row lowers the query's loss
 * (helpful); scores stream over the memory-mapped store in fixed blocks of {@link
 * dev.openledger.attribution.score.ScoringPool#BLOCK_ROWS} rows, and every sum across rows is
 * reduced in block order, so results are bit-identical for any thread count; rows outside the
 * included set take no part (not in n, not in the damping, not in the sums) and score 0.
 */
package dev.openledger.attribution.score;
