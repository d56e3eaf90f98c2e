package dev.openledger.node.datanet;

import dev.openledger.core.crypto.Hash;
import java.util.List;

/**
 * {@code POST /api/datanets/{id}/versions/preview}: the accepted contributions the next version
 * lists.
 */
public record PreviewRequest(List<Hash> contributionIds) {}
