package dev.openledger.attribution;

import dev.openledger.attribution.grad.RowKey;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;

/**
 * One top-scoring training row.
 *
 * @param row the row
 * @param contributor its owner
 * @param datanet its Datanet
 * @param score its helpfulness
 * @param units its share of the gradient pool
 */
public record RowAttribution(
    RowKey row, Address contributor, Hash datanet, double score, long units) {}
