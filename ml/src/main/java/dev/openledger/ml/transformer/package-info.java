/**
 * The decoder's forward and backward pass over a batch of token sequences: the recipe ({@link
 * dev.openledger.ml.transformer.Transformer}), its run-time state ({@link
 * dev.openledger.ml.transformer.Activations}) and what a backward pass produces ({@link
 * dev.openledger.ml.transformer.Gradients}). Used for training, evaluation and per-example
 * gradients; token-by-token decoding with a KV cache lives in {@code dev.openledger.ml.generate}.
 *
 * <p>Invariants: weights, activations and gradients are separate objects; a forward pass reads only
 * the weights and writes only the activations; results are bit-identical for any worker-pool size.
 */
package dev.openledger.ml.transformer;
