package dev.openledger.modelfactory.run;

/**
 * One optimizer step of the loss curve (a line of {@code loss.jsonl} and of the training log
 * artifact).
 *
 * @param step steps done (1-based)
 * @param epoch epochs done, fractional
 * @param loss mean token loss of the step
 * @param learningRate learning rate used
 * @param gradNorm global gradient norm before clipping
 * @param tokens scored tokens trained on so far
 */
public record LossPoint(
    int step, double epoch, float loss, float learningRate, float gradNorm, long tokens) {}
