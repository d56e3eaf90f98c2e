/**
 * The bridge between files and the engine: {@link dev.openledger.ml.runtime.EngineTensors} converts the
 * formats' named tensors to and from the engine's flat parameter buffers, and
 * {@link dev.openledger.ml.runtime.LoadedModel} is a model directory opened for inference or training.
 *
 * <p>Invariants: conversions copy (the engine never aliases a file's arrays) and are exact — a round trip
 * returns the same floats bit for bit.
 */
package dev.openledger.ml.runtime;
