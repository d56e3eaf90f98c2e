package dev.openledger.ml.train;

import dev.openledger.ml.transformer.Batch;

/**
 * Training data as a pure function of the micro-batch index: the same index always gives the same
 * batch, so a resumed run reads exactly the batches the interrupted one would have.
 */
@FunctionalInterface
public interface BatchSource {
  Batch batch(long index);
}
