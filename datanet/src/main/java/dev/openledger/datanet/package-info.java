/**
 * Off-chain Datanet data: the service the node calls ({@link
 * dev.openledger.datanet.DatanetService}) and its values. Sub-packages: {@code blob}
 * (content-addressed storage), {@code ingest} (type detection, text extraction, rows), {@code text}
 * (normal forms), {@code validate} (stages, reasons, limits), {@code dedup} (exact and MinHash/LSH
 * duplicates), {@code store} (RocksDB), {@code version} (Merkle trees and proofs), {@code
 * leaderboard}, {@code bench}.
 *
 * <p>Invariants: a blob is durable before any record (let alone a transaction) names it; a rejected
 * file leaves nothing stored; the first contribution registered on chain owns its text and every
 * later copy points at it; contribution and row ids and version roots are recomputable from content
 * alone ({@link dev.openledger.datanet.Ids}, {@link dev.openledger.datanet.version}).
 */
package dev.openledger.datanet;
