/**
 * Evaluation of a fine-tuned adapter against its base: held-out perplexity per datanet (the rows
 * the evaluation split kept out of training) and a few greedy sample generations, written as a JSON
 * report.
 *
 * <p>Invariants: evaluation is deterministic (no dropout, greedy decoding, fixed order), so the
 * report of an adapter is a pure function of (base, adapter, snapshot, spec) and can be recomputed
 * by anyone.
 */
package dev.openledger.modelfactory.eval;
