package dev.openledger.attribution;

import dev.openledger.core.crypto.Hash;

/**
 * A Datanet's share of the contributors' pool (both tracks), in units of the policy's scale.
 *
 * @param datanet the Datanet
 * @param units its rows' and documents' units
 */
public record DatanetShare(Hash datanet, long units) {}
