/**
 * OpenLoRA: many LoRA adapters served over one shared base model, with a byte-bounded adapter cache
 * and a batch scheduler that runs the base matmuls once per step for all sequences.
 *
 * <p>Invariant: batching never mixes adapters up; each output equals what its adapter produces
 * alone.
 */
package dev.openledger.openlora;
