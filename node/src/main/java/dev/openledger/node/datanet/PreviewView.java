package dev.openledger.node.datanet;

import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import java.util.List;

/**
 * What the owner signs in {@code PublishVersion}: the next version number, the Merkle root and row
 * count this node computed over the contributions' rows, and the versioning fee it will cost.
 */
public record PreviewView(
    Hash datanetId,
    int version,
    Hash root,
    long rows,
    List<Hash> contributionIds,
    long bytes,
    Amount fee) {}
