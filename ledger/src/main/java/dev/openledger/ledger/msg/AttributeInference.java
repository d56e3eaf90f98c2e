package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.receipt.InclusionProof;
import dev.openledger.core.receipt.SignedReceipt;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The serving provider attributes one paid inference of a settled batch: the signed receipt, its
 * inclusion proof against the batch's receipt root, and the attribution. The chain checks the
 * receipt against the settled batch (proof, provider signature, channel, model and adapter), that
 * the sender is the receipt's provider and that the receipt was not attributed before, then pays
 * {@code ⌊charge × contributorsBps / 10000⌋} (the contributors' part of this receipt's fee, at the
 * batch's split) out of the attribution pool by the shares.
 *
 * @param receipt the signed usage receipt
 * @param root the settled batch's receipt root
 * @param proof the receipt's audit path in that batch
 * @param attribution the attribution record
 */
public record AttributeInference(
    SignedReceipt receipt, Hash root, InclusionProof proof, AttributionClaim attribution)
    implements AttributionMsg {
  public static final MessageType<AttributeInference> TYPE =
      new MessageType<>(
          0x0701, "attribution/attribute", AttributeInference.class, AttributeInference::decode);
  private static final int MAX_RECEIPT_BYTES = 4096;

  public AttributeInference {
    Objects.requireNonNull(receipt, "receipt");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(proof, "proof");
    Objects.requireNonNull(attribution, "attribution");
  }

  @Override
  public MessageType<AttributeInference> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.bytes(receipt.encode())
        .hash(root)
        .varint(proof.index())
        .varint(proof.treeSize())
        .varint(proof.path().size());
    proof.path().forEach(w::hash);
    attribution.encode(w);
  }

  private static AttributeInference decode(CanonicalReader r) throws DecodeException {
    SignedReceipt receipt = SignedReceipt.decode(r.bytes("receipt", MAX_RECEIPT_BYTES));
    Hash root = r.hash("root");
    long index = r.varint("proof index");
    long size = r.varint("proof treeSize");
    int n = (int) r.varint("proof path", 64);
    List<Hash> path = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      path.add(r.hash("proof hash"));
    }
    return new AttributeInference(
        receipt, root, new InclusionProof(index, size, path), AttributionClaim.decode(r));
  }
}
