package dev.openledger.ml.pretrain;

import dev.openledger.ml.runtime.LoadedModel;

/**
 * A pre-trained model and how well it does on held-out text (mean token cross-entropy, nats).
 *
 * @param model the model (weights, tokenizer, BOS/EOS)
 * @param heldOutLoss the model's loss on the held-out documents
 * @param unigramLoss the loss of the add-one-smoothed unigram distribution of the training tokens,
 *     same text
 * @param trainTokens tokens in the training stream
 */
public record PretrainResult(
    LoadedModel model, float heldOutLoss, float unigramLoss, long trainTokens) {}
