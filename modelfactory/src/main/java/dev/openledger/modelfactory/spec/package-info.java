/**
 * The fine-tuning job spec: what a user asks for ({@link
 * dev.openledger.modelfactory.spec.FineTuneRequest}, raw values with LLaMA-Factory-like defaults),
 * the checks that turn it into a {@link dev.openledger.modelfactory.spec.FineTuneSpec} before any
 * work starts, and the reasons a request is refused.
 *
 * <p>Invariants: a {@code FineTuneSpec} names its base model and every datanet version by content
 * (hash, Merkle root), so a spec fixes the training input exactly; every field is in range (the
 * compact constructors throw on a spec the validator would have refused — that is a bug, not user
 * input).
 */
package dev.openledger.modelfactory.spec;
