/**
 * Training: AdamW with decoupled weight decay, linear warm-up then cosine learning rate,
 * global-norm gradient clipping, gradient accumulation, resumable checkpoints; full training of a
 * base model and LoRA training over a frozen base; per-example LoRA gradients for attribution.
 *
 * <p>Invariants: a run is a pure function of (initial weights, data, {@link
 * dev.openledger.ml.train.TrainConfig}, seed): every random draw comes from {@link
 * dev.openledger.ml.tensor.Rng} streams whose states are saved in a checkpoint, every reduction has
 * a fixed order, and no result depends on the number of threads, so the same inputs give
 * byte-identical weights and a resumed run continues exactly where the saved one stopped.
 */
package dev.openledger.ml.train;
