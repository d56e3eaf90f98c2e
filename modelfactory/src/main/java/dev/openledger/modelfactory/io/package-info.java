/**
 * Durable file primitives for the job queue and the artifact store.
 *
 * <p>Invariant: a file written with {@link dev.openledger.modelfactory.io.AtomicFiles#write} is
 * either absent, its old content or its complete new content after a crash at any point, and is on
 * stable storage when the call returns (temporary sibling, fsync, atomic rename, fsync of the
 * directory).
 */
package dev.openledger.modelfactory.io;
