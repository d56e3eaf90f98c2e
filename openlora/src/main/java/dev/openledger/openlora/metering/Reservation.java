package dev.openledger.openlora.metering;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;

/**
 * Funds held on a channel for one request until it is charged or released; either happens once.
 * Created by {@link EscrowMeter#reserve}; its state is guarded by the meter.
 */
public final class Reservation {
  enum State {
    OPEN,
    CHARGED,
    RELEASED
  }

  private final String requestId;
  private final Address payer;
  private final Hash channel;
  private final Amount maxCost;
  State state = State.OPEN;

  Reservation(String requestId, Address payer, Hash channel, Amount maxCost) {
    this.requestId = requestId;
    this.payer = payer;
    this.channel = channel;
    this.maxCost = maxCost;
  }

  public String requestId() {
    return requestId;
  }

  public Address payer() {
    return payer;
  }

  public Hash channel() {
    return channel;
  }

  /** The most this request may be charged. */
  public Amount maxCost() {
    return maxCost;
  }

  @Override
  public String toString() {
    return "Reservation[" + requestId + ", " + maxCost + ", " + state + "]";
  }
}
