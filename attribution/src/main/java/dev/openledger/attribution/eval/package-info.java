/**
 * Accuracy metrics for attribution: ROC AUC (topic detection, spam/mislabel detection from
 * self-influence) and rank correlation (linear datamodeling score, cross-checks between methods).
 *
 * <p>Invariant: metrics are exact functions of their inputs, with ties handled by average ranks.
 */
package dev.openledger.attribution.eval;
