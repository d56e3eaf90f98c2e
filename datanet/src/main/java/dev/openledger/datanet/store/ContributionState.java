package dev.openledger.datanet.store;

/**
 * Lifecycle of a contribution on this node.
 *
 * <ul>
 *   <li>{@code STAGED}: ingested and validated, blob durable, not yet recorded on chain; owns
 *       nothing.
 *   <li>{@code SUBMITTED}: the chain recorded its submission; its rows own their content in the
 *       datanet.
 *   <li>{@code ACCEPTED}: approved in review; its rows feed the corpus statistics and can enter
 *       versions.
 *   <li>{@code REJECTED}: refused in review; its rows released their content.
 * </ul>
 */
public enum ContributionState {
  STAGED,
  SUBMITTED,
  ACCEPTED,
  REJECTED
}
