/**
 * The state commitment: a sparse Merkle tree over SHA-256(key), 256 levels deep, in which every
 * subtree holding exactly one leaf is replaced by that leaf and every empty subtree hashes to 32
 * zero bytes (the compaction of Diem's sparse Merkle tree, on a binary tree).
 *
 * <pre>
 * leaf     = SHA-256(0x00 | keyHash | SHA-256(value))
 * internal = SHA-256(0x01 | left | right)          empty = 0x00 * 32
 * </pre>
 *
 * <p>Invariants: the tree is canonical — its shape, and so its root, depends only on the set of
 * key/value pairs, not on the order of updates; nodes are content-addressed and immutable, so a
 * root names a whole version of the state and old roots stay readable; a {@link
 * dev.openledger.ledger.state.smt.SmtProof} proves presence (with the value) or absence of a key
 * against a root and nothing else.
 */
package dev.openledger.ledger.state.smt;
