package dev.openledger.node.api.view;

import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.PublicKey;
import dev.openledger.core.crypto.Signature;
import java.util.List;

/**
 * {@code GET /api/blocks/{height}} and {@code /api/blocks/latest}: the header fields (enough to
 * recompute the hash and check the signature), the transaction hashes and block events.
 *
 * @param height height
 * @param hash header hash
 * @param chainId chain
 * @param time ISO-8601 form of {@code timeMillis}
 * @param timeMillis header time
 * @param prevHash parent hash
 * @param txRoot transaction root
 * @param receiptRoot receipt root
 * @param stateRoot state root
 * @param proposer signer
 * @param signature proposer's signature
 * @param txCount number of transactions
 * @param txs transaction hashes in order
 * @param events begin/end-block events
 */
public record BlockView(
    long height,
    Hash hash,
    String chainId,
    String time,
    long timeMillis,
    Hash prevHash,
    Hash txRoot,
    Hash receiptRoot,
    Hash stateRoot,
    PublicKey proposer,
    Signature signature,
    int txCount,
    List<Hash> txs,
    List<EventView> events) {}
