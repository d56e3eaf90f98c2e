package dev.openledger.ledger.bank;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An inference fee to divide by the {@link FeeSplit} (what the payment module hands {@link
 * FeeSplitter#settle}).
 *
 * @param payer the account the fee is taken from (the caller, or the payment module's escrow)
 * @param fee the whole fee
 * @param model the model served, when known: its usage and fees are counted for the economy figures
 *     (1..64 bytes)
 * @param developer receives the developer share
 * @param provider receives the serving provider share
 * @param contributors how the contributors' share is paid
 */
public record Settlement(
    Address payer,
    Amount fee,
    Optional<String> model,
    Address developer,
    Address provider,
    ContributorPayout contributors) {
  public Settlement {
    Objects.requireNonNull(payer, "payer");
    Objects.requireNonNull(fee, "fee");
    Objects.requireNonNull(model, "model");
    model.ifPresent(
        m -> {
          int n = m.getBytes(StandardCharsets.UTF_8).length;
          if (n == 0 || n > 64) {
            throw new IllegalArgumentException("a model id is 1..64 bytes, got " + n);
          }
        });
    Objects.requireNonNull(developer, "developer");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(contributors, "contributors");
  }

  /** How the contributors' share is paid. */
  public sealed interface ContributorPayout permits Direct, Escrow {}

  /**
   * Straight to contributors in proportion to their weights (attribution scores): contributor i
   * gets {@code floor(share * w_i / sum(w))}; the rounding remainder goes to the treasury. Each
   * payment counts as a contributor reward in the economy figures.
   *
   * @param shares 1..4096 contributors with positive weights whose sum fits a long, distinct
   */
  public record Direct(List<Share> shares) implements ContributorPayout {
    public static final int MAX_SHARES = 4096;

    public Direct {
      shares = List.copyOf(shares);
      if (shares.isEmpty() || shares.size() > MAX_SHARES) {
        throw new IllegalArgumentException(
            "a direct payout has 1.." + MAX_SHARES + " contributors");
      }
      long sum = 0;
      for (Share s : shares) {
        sum = Math.addExact(sum, s.weight());
      }
      if (shares.stream().map(Share::contributor).distinct().count() != shares.size()) {
        throw new IllegalArgumentException("a contributor appears twice in a direct payout");
      }
    }

    /** The sum of the weights. */
    public long totalWeight() {
      long sum = 0;
      for (Share s : shares) {
        sum += s.weight();
      }
      return sum;
    }
  }

  /**
   * Into one account (e.g. the attribution module's escrow) that pays contributors later; that
   * module then reports each payment with {@code EconomyMetrics.recordReward}.
   *
   * @param pool the escrow account
   */
  public record Escrow(Address pool) implements ContributorPayout {
    public Escrow {
      Objects.requireNonNull(pool, "pool");
    }
  }

  /**
   * One contributor's weight.
   *
   * @param contributor who is paid
   * @param weight positive
   */
  public record Share(Address contributor, long weight) {
    public Share {
      Objects.requireNonNull(contributor, "contributor");
      if (weight <= 0) {
        throw new IllegalArgumentException("a contributor's weight must be positive");
      }
    }
  }
}
