package dev.openledger.node.datanet;

import dev.openledger.datanet.DatanetService;
import dev.openledger.datanet.store.ContributionRecord;
import dev.openledger.ledger.msg.SubmitContribution;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.node.api.ApiException;
import dev.openledger.node.api.TxGate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Forwards a {@code SubmitContribution} only when this node holds the file: a staged contribution
 * with the same id, datanet, submitter, content hash, size, rows and score. So a record committed
 * through this node never names a file no node stores.
 */
final class ContributionGate implements TxGate {
  private final DatanetService service;

  ContributionGate(DatanetService service) {
    this.service = service;
  }

  @Override
  public void admit(SignedTransaction tx) {
    if (!(tx.body().message() instanceof SubmitContribution s)) {
      return;
    }
    Optional<ContributionRecord> found;
    try {
      found = service.contribution(s.contributionId());
    } catch (IOException e) {
      throw new UncheckedIOException("reading contribution " + s.contributionId(), e);
    }
    if (found.isEmpty()) {
      throw new ApiException(
          409,
          "not_uploaded",
          "this node holds no file for contribution "
              + s.contributionId()
              + "; upload it first (POST /api/datanets/"
              + s.datanetId()
              + "/uploads) and sign the values the upload returns");
    }
    ContributionRecord c = found.get();
    String mismatch =
        !c.datanetId().equals(s.datanetId())
            ? "datanet"
            : !c.submitter().equals(tx.sender())
                ? "submitter"
                : !c.blobHash().equals(s.contentHash())
                    ? "content hash"
                    : c.bytes() != s.bytes()
                        ? "byte size"
                        : c.rowIds().size() != s.rows()
                            ? "row count"
                            : SubmitContribution.scorePpm(c.score()) != s.scorePpm()
                                ? "validation score"
                                : null;
    if (mismatch != null) {
      throw new ApiException(
          409,
          "upload_mismatch",
          "the transaction's "
              + mismatch
              + " differs from the uploaded file's (contribution "
              + s.contributionId()
              + "); sign the values the upload returned");
    }
  }
}
