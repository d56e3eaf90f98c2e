/**
 * The content-addressed blob store: the original bytes of every contribution, named by their
 * SHA-256.
 *
 * <p>Invariants: {@link dev.openledger.datanet.blob.BlobStore#put} returns only once the blob and
 * its directory entry are on stable storage (temp file, fsync, atomic rename, fsync of the
 * directory), so a transaction that names the hash never points at nothing; a read returns the
 * bytes only if they still hash to their name; a blob is removed only by garbage collection, only
 * when the caller's live set does not reference it and it is older than the grace period.
 */
package dev.openledger.datanet.blob;
