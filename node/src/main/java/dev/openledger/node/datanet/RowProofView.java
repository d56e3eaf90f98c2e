package dev.openledger.node.datanet;

import dev.openledger.core.crypto.Hash;
import dev.openledger.datanet.ExportRow;
import dev.openledger.datanet.version.InclusionProof;

/**
 * A row of a published version with its inclusion proof; {@code root} is the root the chain
 * recorded. The client re-hashes {@code row.text}, checks it against the proof's leaf and verifies
 * the proof against the root it reads from the chain.
 */
public record RowProofView(
    Hash datanetId, int version, Hash root, ExportRow row, InclusionProof proof) {}
