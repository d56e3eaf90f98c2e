package dev.openledger.node.api.view;

import dev.openledger.core.crypto.Hash;

/**
 * The answer to an admitted transaction (HTTP 202).
 *
 * @param hash the transaction hash, to look it up with {@code GET /api/tx/{hash}}
 */
public record SubmitResponse(Hash hash) {}
