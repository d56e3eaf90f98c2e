/**
 * Content-addressed fine-tuning artifacts: the PEFT adapter directory, the spec and run summary,
 * the training log, the evaluation report and the per-example gradient store, listed with their
 * SHA-256 in a manifest whose own SHA-256 names the whole set.
 *
 * <p>Invariants: {@code artifacts/<hash>/manifest.json} hashes to {@code <hash>} and every file it
 * lists hashes to its entry (checked by {@link
 * dev.openledger.modelfactory.artifact.ArtifactStore#verify}); a set appears under its hash only
 * complete; no file of a set depends on the clock, so the same job gives the same hash.
 */
package dev.openledger.modelfactory.artifact;
