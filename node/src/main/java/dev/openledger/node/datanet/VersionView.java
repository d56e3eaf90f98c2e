package dev.openledger.node.datanet;

import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import java.util.List;

/**
 * A published version.
 *
 * @param bytes the listed contributions' bytes
 * @param fee the versioning fee paid
 * @param publishedAt the block's time, ISO-8601
 * @param servedHere whether this node built the version with the chain's root, so it can export it
 *     and prove rows
 */
public record VersionView(
    Hash datanetId,
    int version,
    Hash root,
    long rows,
    List<Hash> contributionIds,
    long bytes,
    Amount fee,
    long height,
    String publishedAt,
    boolean servedHere) {}
