/**
 * Float kernels for attribution: dot products and axpy, each with a Vector API fast path and a
 * scalar reference.
 *
 * <p>Invariant: a fast kernel returns exactly the bits its scalar reference returns on every
 * machine. Dot products are summed in 16 fixed "virtual lanes" (element {@code i} goes to lane
 * {@code i mod 16}, each lane a chain of fused multiply-adds), then the lanes are added in order in
 * double precision. The result depends neither on the CPU's vector width nor on whether the JIT
 * compiled the loop, which is what lets anyone recompute an attribution bit for bit.
 */
package dev.openledger.attribution.kernel;
