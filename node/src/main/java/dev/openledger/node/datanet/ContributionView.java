package dev.openledger.node.datanet;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.datanet.Contribution;
import dev.openledger.ledger.datanet.ContributionStatus;
import java.util.Optional;

/**
 * A contribution: the chain's record, and what this node holds of it.
 *
 * @param scorePpm the validation score in parts per million
 * @param status pending, accepted or rejected (the chain's word)
 * @param stake OPEN held in escrow while pending
 * @param submittedAt the recording block's time, ISO-8601
 * @param review who decided and why, once decided
 * @param stored this node's copy: {@code staged}, {@code submitted}, {@code accepted} or {@code
 *     rejected}; empty when the file is not on this node
 * @param storedRows rows this node holds for it (after registration, those that own their text)
 */
public record ContributionView(
    Hash id,
    Hash datanetId,
    Address submitter,
    Hash contentHash,
    long bytes,
    int rows,
    int scorePpm,
    String fileName,
    String fileType,
    ContributionStatus status,
    Amount stake,
    long submittedHeight,
    String submittedAt,
    Optional<Contribution.Review> review,
    Optional<String> stored,
    int storedRows) {}
