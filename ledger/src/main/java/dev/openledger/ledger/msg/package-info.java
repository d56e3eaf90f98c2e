/**
 * The chain's vocabulary: every kind of state change a transaction can ask for.
 *
 * <p>{@link dev.openledger.ledger.msg.Message} is sealed; each ledger module contributes one sealed
 * sub-interface (this package holds them all because Java requires a sealed type and its permitted
 * subtypes to share a package outside named modules). Each concrete message is a record validated in its
 * compact constructor and carries a {@link dev.openledger.ledger.msg.MessageType} with a stable numeric tag.
 *
 * <p>Invariants: a tag, once released, never changes meaning; tags are {@code moduleCode * 256 + index}
 * with module codes bank = 1, staking = 2, gov = 3, datanet = 4, model = 5, payment = 6, attribution = 7, cluster = 8;
 * every permitted record is registered in {@link dev.openledger.ledger.msg.MessageCodec} exactly once.
 */
package dev.openledger.ledger.msg;
