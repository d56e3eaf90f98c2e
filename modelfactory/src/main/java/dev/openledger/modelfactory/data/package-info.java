/**
 * Training input: a job's snapshot of its datanet versions (exported at submission, checked against
 * the versions' Merkle roots), the per-datanet evaluation split, tokenisation into examples, and
 * the epoch order in which rows are batched.
 *
 * <p>Invariants: the snapshot of a version reproduces the root recorded for it, or the job is
 * refused; the split, the tokens and the batch order are pure functions of (snapshot, spec), so a
 * resumed run sees exactly the batches the interrupted one would have.
 */
package dev.openledger.modelfactory.data;
