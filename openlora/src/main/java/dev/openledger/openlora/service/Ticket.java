package dev.openledger.openlora.service;

import dev.openledger.openlora.engine.RequestHandle;

/**
 * An accepted call.
 *
 * @param id the response id ({@code cmpl-…} or {@code chatcmpl-…}), also the receipt's request id
 * @param created Unix seconds when it was accepted
 * @param promptTokens prompt tokens (BOS included)
 * @param maxTokens the completion budget in force
 * @param handle cancels it
 */
public record Ticket(
    String id, long created, int promptTokens, int maxTokens, RequestHandle handle) {
  /** Ends the call at the next step; it is charged for the tokens already used. */
  public void cancel() {
    handle.cancel();
  }
}
