package dev.openledger.openlora.service;

/**
 * Hears of every charged call (the provider's attribution service listens). Runs on the decode
 * thread: return quickly, never block (queue the work).
 */
@FunctionalInterface
public interface UsageListener {
  void onCharged(ChargedCall call);
}
