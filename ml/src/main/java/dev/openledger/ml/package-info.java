/**
 * The pure-Java model engine: tensor kernels (Vector API fast path beside a scalar reference), the
 * Llama-style decoder, byte-level BPE tokenizer, LoRA, hand-written backward passes, generation and
 * the standard file formats.
 *
 * <p>Invariant: depends on nothing of the project but {@code core}; training is deterministic for a
 * seed.
 */
package dev.openledger.ml;
