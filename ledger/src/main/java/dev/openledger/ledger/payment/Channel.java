package dev.openledger.ledger.payment;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.state.StateCodec;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A payment channel as the chain keeps it: what the payer escrowed for one provider and how much
 * settled receipts have taken from it.
 *
 * @param id {@link #id(Address, Address, long)} of payer, provider and sequence
 * @param payer the account whose requests it pays for
 * @param provider the serving provider who may settle receipts against it
 * @param sequence how many channels the payer had opened to this provider before this one (0 for
 *     the first)
 * @param deposit everything escrowed into it so far
 * @param settledCharged the cumulative charge of its last settled receipt (0 before any)
 * @param settledNonce the nonce of its last settled receipt (0 before any; receipts start at 1)
 * @param status open, closing or closed
 * @param openedHeight the block it was opened in
 * @param closesAtMillis while closing: the block time from which the payer may withdraw (0
 *     otherwise)
 */
public record Channel(
    Hash id,
    Address payer,
    Address provider,
    long sequence,
    Amount deposit,
    Amount settledCharged,
    long settledNonce,
    ChannelStatus status,
    long openedHeight,
    long closesAtMillis) {
  private static final byte[] DOMAIN =
      "openledger/payment-channel/v1".getBytes(StandardCharsets.UTF_8);

  public Channel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(payer, "payer");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(deposit, "deposit");
    Objects.requireNonNull(settledCharged, "settledCharged");
    Objects.requireNonNull(status, "status");
    if (deposit.isLessThan(settledCharged)) {
      throw new IllegalArgumentException(
          "channel " + id + " settled " + settledCharged + " of a deposit of " + deposit);
    }
    if (sequence < 0 || settledNonce < 0 || openedHeight < 0 || closesAtMillis < 0) {
      throw new IllegalArgumentException("channel counters must be >= 0");
    }
  }

  /**
   * A channel's id: SHA-256 of a domain tag, the payer, the provider and the pair's channel
   * sequence number.
   */
  public static Hash id(Address payer, Address provider, long sequence) {
    return Hash.sha256(
        DOMAIN,
        payer.bytes(),
        provider.bytes(),
        new CanonicalWriter(8).i64(sequence).toByteArray());
  }

  /** What is still in escrow: the deposit less what settlements took (zero once withdrawn). */
  public Amount remaining() {
    return status == ChannelStatus.CLOSED ? Amount.ZERO : deposit.minus(settledCharged);
  }

  Channel withDeposit(Amount d) {
    return new Channel(
        id,
        payer,
        provider,
        sequence,
        d,
        settledCharged,
        settledNonce,
        status,
        openedHeight,
        closesAtMillis);
  }

  Channel settled(long nonce, Amount cumulative) {
    return new Channel(
        id,
        payer,
        provider,
        sequence,
        deposit,
        cumulative,
        nonce,
        status,
        openedHeight,
        closesAtMillis);
  }

  Channel closing(long atMillis) {
    return new Channel(
        id,
        payer,
        provider,
        sequence,
        deposit,
        settledCharged,
        settledNonce,
        ChannelStatus.CLOSING,
        openedHeight,
        atMillis);
  }

  Channel closed() {
    return new Channel(
        id,
        payer,
        provider,
        sequence,
        deposit,
        settledCharged,
        settledNonce,
        ChannelStatus.CLOSED,
        openedHeight,
        closesAtMillis);
  }

  byte[] encode() {
    return new CanonicalWriter(160)
        .hash(id)
        .address(payer)
        .address(provider)
        .varint(sequence)
        .amount(deposit)
        .amount(settledCharged)
        .varint(settledNonce)
        .u8(status.ordinal())
        .varint(openedHeight)
        .varint(closesAtMillis)
        .toByteArray();
  }

  static Channel decode(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    Channel c =
        StateCodec.construct(
            () ->
                new Channel(
                    r.hash("id"),
                    r.address("payer"),
                    r.address("provider"),
                    r.varint("sequence"),
                    r.amount("deposit"),
                    r.amount("settledCharged"),
                    r.varint("settledNonce"),
                    status(r.u8("status")),
                    r.varint("openedHeight"),
                    r.varint("closesAtMillis")));
    r.finish();
    return c;
  }

  private static ChannelStatus status(int v) throws DecodeException {
    if (v >= ChannelStatus.values().length) {
      throw new DecodeException("unknown channel status " + v);
    }
    return ChannelStatus.values()[v];
  }
}
