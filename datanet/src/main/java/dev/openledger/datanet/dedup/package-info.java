/**
 * Duplicate detection: exact (hash of the normalised text) and near (MinHash over word shingles,
 * LSH banding, candidates verified by exact Jaccard).
 *
 * <p>Invariants: all hashing is seeded by constants, so signatures and band keys are the same on
 * every machine and across restarts (the persistent index depends on it); a near-duplicate verdict
 * is never made on the MinHash estimate alone, always on the exact Jaccard of the two shingle sets;
 * the first claim of a text wins and every later copy points at it.
 */
package dev.openledger.datanet.dedup;
