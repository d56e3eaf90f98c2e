/**
 * The Llama-style decoder: its configuration, weights and run-time state, held separately.
 *
 * <p>Invariants: a {@link dev.openledger.ml.model.LlamaConfig} is valid once constructed; tensor
 * names follow Hugging Face's Llama layout (see {@link dev.openledger.ml.model.TensorNames}), so
 * weights move to and from the Python ecosystem unchanged.
 */
package dev.openledger.ml.model;
