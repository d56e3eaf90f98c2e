/**
 * Datanet versions as Merkle trees over their accepted rows, with inclusion proofs.
 *
 * <p>Construction (version 1; anyone can recompute it from an export):
 *
 * <pre>
 *   leaves  sorted by row id (unsigned byte order), row ids distinct
 *   leaf    = SHA-256(0x00 || rowId[32] || owner[20] || textHash[32])
 *   node    = SHA-256(0x01 || left[32] || right[32])
 *   level   pairs nodes left to right; an odd last node is promoted unchanged to the next level
 *   root    = SHA-256(0x02 || leafCount[8, big-endian] || top)
 * </pre>
 *
 * The distinct prefixes keep leaves, inner nodes and the root from being confused (no
 * second-preimage by presenting an inner node as a leaf); committing the leaf count in the root
 * binds the tree's shape, so a proof cannot be replayed against a different count. A version has at
 * least one row.
 */
package dev.openledger.datanet.version;
