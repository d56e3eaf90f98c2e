/**
 * Encrypted key files, in the spirit of Ethereum's keystore v3: the Ed25519 seed is encrypted with
 * AES-256-GCM under a key derived from a passphrase with PBKDF2-HMAC-SHA256, and the file also
 * names the public key and address so that keys can be listed without a passphrase.
 *
 * <p>Invariants: a private key is never written, logged or returned in plain text by this package
 * except as the {@link dev.openledger.core.crypto.KeyPair} that {@link
 * dev.openledger.core.keystore.Keystore#unlock} hands to its caller; a file decrypts only with its
 * passphrase and only to the key its public key names (the public key is the cipher's associated
 * data and is checked after decryption); files are created with owner-only permissions and never
 * overwritten.
 */
package dev.openledger.core.keystore;
