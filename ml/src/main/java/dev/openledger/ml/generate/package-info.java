/**
 * Token-by-token generation with a KV cache: the batched {@link
 * dev.openledger.ml.generate.Decoder}, where every sequence of a batch may carry its own LoRA
 * adapter (the base projections run once per step for the whole batch, each group of sequences
 * sharing an adapter adds its own {@code (alpha/r)·B(Ax)}, as in S-LoRA and Punica); {@link
 * dev.openledger.ml.generate.Sampler}s; the {@link dev.openledger.ml.generate.Generator} loop with
 * stop tokens and token limits.
 *
 * <p>Invariants: a sequence's logits do not depend on which other sequences share its batch (each
 * output element is computed by the same arithmetic whatever the batch), so batched and solo
 * decoding agree exactly.
 */
package dev.openledger.ml.generate;
