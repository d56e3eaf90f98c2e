/**
 * The genesis file: chain id, start time, sequencer key, fixed total supply, chain parameters, the
 * initial allocations (the OPEN token's published categories, with room for vesting schedules) and
 * raw sections for modules that need their own genesis data. Also the devnet genesis with its
 * labelled, insecure keys.
 *
 * <p>Invariants: a loaded {@link dev.openledger.ledger.genesis.Genesis} is valid — allocations sum
 * exactly to the total supply, names and addresses are unique, parameters are in range; the genesis
 * identity is SHA-256 of the file's bytes, which block 0 records as its {@code prevHash}.
 */
package dev.openledger.ledger.genesis;
