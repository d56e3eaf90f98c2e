/**
 * Persistent state of the off-chain datanet service in one RocksDB database: datanet descriptions,
 * contributions and their rows, the duplicate index (exact and LSH bands), corpus term statistics
 * and published versions.
 *
 * <p>Invariants: every multi-key change commits in one synced write batch, so a crash leaves either
 * all or none of it; a row is in the duplicate index exactly while its contribution is submitted or
 * accepted; records are encoded with the canonical codec, and a record that does not decode is an
 * I/O failure.
 */
package dev.openledger.datanet.store;
