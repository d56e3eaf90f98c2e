package dev.openledger.node.api.view;

import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.PublicKey;
import dev.openledger.core.money.Amount;

/**
 * {@code GET /api/status}.
 *
 * @param chainId chain
 * @param genesisHash SHA-256 of the genesis file
 * @param sequencer the block signer's public key
 * @param height latest committed height
 * @param latestHash latest block hash
 * @param latestTime latest block time, ISO-8601
 * @param mempool pending transactions
 * @param running whether the engine produces blocks
 * @param blockTimeMs chain parameter
 * @param minFee chain parameter
 * @param maxTxBytes chain parameter
 * @param version program version
 * @param blockSigners the keys whose signature a block may carry: the sequencer, and a cluster's
 *     validators
 * @param cluster the replication state, on a validator of a cluster
 */
public record StatusView(
    String chainId,
    Hash genesisHash,
    PublicKey sequencer,
    long height,
    Hash latestHash,
    String latestTime,
    int mempool,
    boolean running,
    long blockTimeMs,
    Amount minFee,
    int maxTxBytes,
    String version,
    java.util.List<PublicKey> blockSigners,
    java.util.Optional<ClusterView> cluster) {}
