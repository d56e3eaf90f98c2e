/**
 * Fine-tuned models by name: the local catalog of finished jobs' models and the {@link
 * dev.openledger.modelfactory.registry.ModelRegistration} that the chain's {@code RegisterModel}
 * message carries (name, version, base and adapter hashes, datanet versions with their Merkle
 * roots, config hash, evaluation metrics, developer, artifacts hash).
 *
 * <p>Invariants: a name's versions are numbered 1, 2, … in the order its jobs finish; a job
 * registers at most one model version (re-finishing a job returns its existing record); a
 * registration's canonical encoding is deterministic and round-trips exactly, and its hash is the
 * SHA-256 of that encoding.
 */
package dev.openledger.modelfactory.registry;
