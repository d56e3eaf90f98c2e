package dev.openledger.ledger.staking;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import java.util.Objects;

/**
 * An unstake request in its cooldown (OpenLedger's {@code UnstakeRequest}); it keeps its position's
 * id. It earns nothing and can still be slashed for infractions before {@code requestedHeight}.
 *
 * @param id the position id it came from
 * @param owner who is paid
 * @param pool the pool id
 * @param purpose the role the stake backed
 * @param amount what will be paid (principal and interest at the request, less any slashing since)
 * @param requestedMillis when it was requested
 * @param unlockMillis from when it can be withdrawn
 * @param requestedHeight the block of the request
 * @param stakeCreatedHeight the block that opened the position
 */
public record Unbonding(
    long id,
    Address owner,
    long pool,
    Purpose purpose,
    Amount amount,
    long requestedMillis,
    long unlockMillis,
    long requestedHeight,
    long stakeCreatedHeight) {
  public Unbonding {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(amount, "amount");
  }

  Unbonding withAmount(Amount a) {
    return new Unbonding(
        id,
        owner,
        pool,
        purpose,
        a,
        requestedMillis,
        unlockMillis,
        requestedHeight,
        stakeCreatedHeight);
  }

  byte[] encode() {
    return new CanonicalWriter(80)
        .varint(id)
        .address(owner)
        .varint(pool)
        .u8(purpose.code())
        .amount(amount)
        .varint(requestedMillis)
        .varint(unlockMillis)
        .varint(requestedHeight)
        .varint(stakeCreatedHeight)
        .toByteArray();
  }

  static Unbonding decode(byte[] b) throws DecodeException {
    CanonicalReader r = new CanonicalReader(b);
    Unbonding u =
        new Unbonding(
            r.varint("id"),
            r.address("owner"),
            r.varint("pool"),
            Purpose.decode(r),
            r.amount("amount"),
            r.varint("requested"),
            r.varint("unlock"),
            r.varint("requestedHeight"),
            r.varint("stakeCreatedHeight"));
    r.finish();
    return u;
  }
}
