package dev.openledger.ledger.genesis;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * OPEN credited at genesis.
 *
 * @param name unique label, e.g. {@code community} or {@code devnet-alice}
 * @param address the credited account; for a module account, {@code Address.module(name)}
 * @param moduleAccount true when no key controls the account (category pools, treasury)
 * @param amount the credit
 * @param vesting the release schedule, when there is one
 * @param note free text for people (e.g. that a key is insecure)
 */
public record Allocation(
    String name,
    Address address,
    boolean moduleAccount,
    Amount amount,
    Optional<Vesting> vesting,
    String note) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

  public Allocation {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "allocation name must match " + NAME.pattern() + ", got '" + name + "'");
    }
    Objects.requireNonNull(address, "address");
    if (moduleAccount && !address.equals(Address.module(name))) {
      throw new IllegalArgumentException(
          "module account '" + name + "' must have address " + Address.module(name));
    }
    Objects.requireNonNull(amount, "amount");
    if (amount.isZero()) {
      throw new IllegalArgumentException("allocation '" + name + "' is zero");
    }
    Objects.requireNonNull(vesting, "vesting");
    Objects.requireNonNull(note, "note");
  }

  /** An allocation to a module account named {@code name}. */
  public static Allocation module(
      String name, Amount amount, Optional<Vesting> vesting, String note) {
    return new Allocation(name, Address.module(name), true, amount, vesting, note);
  }
}
