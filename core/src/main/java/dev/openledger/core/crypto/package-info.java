/**
 * Hashes, Ed25519 keys and signatures, and account addresses.
 *
 * <p>Invariants: every value here is immutable and exposes its bytes only as copies; a {@link
 * dev.openledger.core.crypto.Address} is derived from a public key and nothing else; signing is
 * deterministic (RFC 8032), so the same key and message always give the same signature.
 */
package dev.openledger.core.crypto;
