package dev.openledger.openlora.service;

import dev.openledger.core.crypto.Address;

/**
 * One completion or chat call.
 *
 * @param caller the authenticated paying account
 * @param model the model name
 * @param prompt text, tokens or chat messages
 * @param sampling sampling parameters
 * @param listener where output goes
 */
public record Call(
    Address caller, String model, Prompt prompt, Sampling sampling, CallListener listener) {
  public Call {
    if (caller == null || model == null || prompt == null || sampling == null || listener == null) {
      throw new IllegalArgumentException("every call field is required");
    }
  }
}
