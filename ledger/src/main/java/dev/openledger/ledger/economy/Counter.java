package dev.openledger.ledger.economy;

/**
 * The flows the economy figures count, per epoch and since genesis. Append-only: a counter's
 * position is its place in the stored record, so new counters go at the end.
 */
public enum Counter {
  /** Models registered in the model registry (fed by the model module). */
  MODELS_REGISTERED,
  /** Models approved by governance (fed by the model module). */
  MODELS_APPROVED,
  /** Models rejected by governance (fed by the model module). */
  MODELS_REJECTED,
  /** Paid inferences settled through the fee split with a model id. */
  INFERENCES,
  /** Their fees, nano-OPEN. */
  INFERENCE_FEES,
  /** Staking interest paid from the rewards reserve, nano-OPEN. */
  INTEREST_PAID,
  /** Interest earned but not paid because the reserve ran dry, nano-OPEN. */
  INTEREST_SHORTFALL,
  /** OPEN taken from stakes by slashing, nano-OPEN. */
  SLASHED,
  /** The part of it that was burned, nano-OPEN. */
  SLASHED_BURNED,
  /** Treasury income from the inference fee split (its share and the dust), nano-OPEN. */
  TREASURY_SETTLEMENT_IN,
  /** Treasury income from slashing, nano-OPEN. */
  TREASURY_SLASH_IN,
  /** Treasury spending approved by governance, nano-OPEN. */
  TREASURY_SPENT,
  /** Proposals created. */
  PROPOSALS_CREATED,
  /** Votes cast. */
  VOTES_CAST,
  /** Proposals executed successfully. */
  PROPOSALS_EXECUTED,
  /** Contributor rewards paid, nano-OPEN. */
  CONTRIBUTOR_REWARDS,
  /** Developer shares paid, nano-OPEN. */
  DEVELOPER_REWARDS,
  /** Serving provider shares paid, nano-OPEN. */
  PROVIDER_REWARDS
}
