/**
 * Base-model pre-training: presets, reading a corpus (the Brown corpus or plain text files),
 * training a byte-level BPE vocabulary and a Llama-style model on it, evaluation against the
 * unigram baseline, and a cache of trained models under the user's home keyed by (corpus content,
 * preset, steps, seed).
 *
 * <p>Invariants: the same corpus, preset, steps and seed give the same model bytes; a cached model
 * directory appears only complete (it is written elsewhere and renamed into place).
 */
package dev.openledger.ml.pretrain;
