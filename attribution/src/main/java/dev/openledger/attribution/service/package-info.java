/**
 * The attribution service: for a served request of a fine-tuned model, computes the query gradient
 * with the model's own adapter and tokenizer, scores it against the model's gradient store, matches
 * the output against a span index over the Datanet versions the model trained on (built once per
 * model and cached), and persists everything needed to recompute the result ({@link
 * AttributionRecord}).
 *
 * <p>Invariants: a record's result is a deterministic function of its recorded inputs (the model's
 * artifacts, the request's tokens and the recorded query gradient), so {@link
 * AttributionService#verify} reproduces its integer shares and hash exactly; records are written
 * atomically and never rewritten.
 */
package dev.openledger.attribution.service;
