/**
 * Models opened for use: {@link dev.openledger.ml.runtime.LoadedModel} is a Hugging Face model
 * directory read into engine weights (via {@link dev.openledger.ml.format.EngineTensors}) with its
 * tokenizer and sequence markers, ready for the decoder or the trainer, and written back the same
 * way.
 *
 * <p>Invariants: loading copies (the engine never aliases a file's arrays) and a write/read round
 * trip returns the same floats bit for bit.
 */
package dev.openledger.ml.runtime;
