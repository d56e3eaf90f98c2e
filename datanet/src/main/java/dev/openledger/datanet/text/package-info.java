/**
 * Text normalisation shared by every stage: the light clean-up applied to a row before it is stored
 * and exported, and the heavy normalisation that keys duplicate detection.
 *
 * <p>Invariants: both functions are pure and deterministic (no locale, no clock); {@code dedupKey}
 * of a text equals {@code dedupKey} of any variant that differs only in case, whitespace, Unicode
 * compatibility forms or punctuation.
 */
package dev.openledger.datanet.text;
