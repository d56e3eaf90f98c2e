/**
 * Fuzz targets (Jazzer) for the ledger's decoders of outside bytes: transactions, blocks and block
 * results, genesis files. Plain {@code mvn verify} replays each target's committed inputs under
 * {@code src/test/resources/dev/openledger/ledger/fuzz/<Target>Inputs/}; {@code mvn -Pfuzz test}
 * fuzzes (docs/guardrails.md).
 */
package dev.openledger.ledger.fuzz;
