package dev.openledger.node.datanet;

import dev.openledger.datanet.IngestResult;
import dev.openledger.ledger.msg.SubmitContribution;
import java.util.Optional;

/**
 * The answer to an upload: the validation result and, when the file was staged, the exact message
 * the submitter signs and posts to {@code /api/tx} (the node never holds the key). A client should
 * check that {@code toSign.contentHash} is the SHA-256 of its file and the contribution id its own,
 * before signing.
 *
 * @param result staged (with the score and per-row verdicts) or rejected (with the reason)
 * @param toSign the {@code SubmitContribution} to sign, present when staged
 */
public record UploadView(IngestResult result, Optional<SubmitContribution> toSign) {}
