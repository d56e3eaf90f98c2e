/**
 * Layers of the decoder as forward/backward pairs in one fixed argument order, as in llm.c: {@code
 * forward(out, inputs…)} and {@code backward(dinputs…, dout, inputs…)}. Shapes use B (batch), T
 * (sequence), C (model width), NH/NKV (query/key-value heads), HS (head size), V (vocabulary), r
 * (LoRA rank).
 *
 * <p>Invariants: a backward pass writes or accumulates each gradient element from one thread, in an
 * order that does not depend on the number of threads, so gradients are bit-identical for any pool
 * size.
 */
package dev.openledger.ml.nn;
