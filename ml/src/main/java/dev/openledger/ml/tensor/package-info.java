/**
 * Tensor kernels: every operation the decoder, its backward pass and the decoder at serving time
 * need, behind one interface ({@link dev.openledger.ml.tensor.Kernels}) with a plain-Java reference
 * ({@link dev.openledger.ml.tensor.ReferenceKernels}) and a {@code jdk.incubator.vector} fast path
 * ({@link dev.openledger.ml.tensor.VectorKernels}).
 *
 * <p>Invariants: matrices are row-major {@code float[]} views ({@link
 * dev.openledger.ml.tensor.Mat}); every output element of a fast kernel is computed by exactly one
 * thread with a summation order that does not depend on the number of threads, so results are
 * bit-identical for any pool size. The fast path agrees with the reference within float rounding
 * (the oracle tests hold it to that).
 */
package dev.openledger.ml.tensor;
