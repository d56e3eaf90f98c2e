/**
 * The validation pipeline's stages, their parameters and their verdicts.
 *
 * <p>Each stage is a small class with one {@code check} method that returns a {@link
 * dev.openledger.datanet.validate.StageResult}: a pass (with a quality score in [0,1] where the
 * stage grades) or a {@link dev.openledger.datanet.validate.Rejection} carrying a stable {@link
 * dev.openledger.datanet.validate.Reason} code and a message for people. Stages never throw for bad
 * input. Limits come from {@link dev.openledger.datanet.validate.ValidationParams}; per-day
 * accounting reads a {@link dev.openledger.datanet.validate.UsageSnapshot} that the caller takes
 * from the chain, so the chain stays the source of truth.
 */
package dev.openledger.datanet.validate;
