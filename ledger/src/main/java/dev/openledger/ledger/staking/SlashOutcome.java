package dev.openledger.ledger.staking;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;

/**
 * What a slash did.
 *
 * @param offender whose stake was cut
 * @param purpose the role
 * @param fractionBps the fraction applied
 * @param slashed OPEN taken from active and unbonding positions
 * @param positions how many positions (active and unbonding) lost stake
 * @param jailedUntilMillis when the role may be unjailed (ignored when tombstoned)
 * @param tombstoned jailed for good
 */
public record SlashOutcome(
    Address offender,
    Purpose purpose,
    int fractionBps,
    Amount slashed,
    int positions,
    long jailedUntilMillis,
    boolean tombstoned) {}
