package dev.openledger.ledger.cluster;

import dev.openledger.core.Result;
import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.PublicKey;
import dev.openledger.ledger.block.Block;
import dev.openledger.ledger.membership.ValidatorSet;
import dev.openledger.ledger.msg.ValidatorVote;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.TxVerifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Proof that a validator misbehaved, made only of statements the offender signed (and, for a divergence,
 * what a majority signed), so that anyone holding the validator set can check it without trusting the
 * reporter. The cluster judges it by its own rule (a majority of validators); {@link #toSlashing} turns it
 * into the staking module's evidence, which the chain judges by its rule (more than 2/3 of validator stake
 * for a divergence).
 */
public sealed interface Evidence permits Evidence.StateDivergence, Evidence.InvalidProposal, Evidence.DoubleAttestation {

  /** {@code state_divergence}, {@code invalid_proposal} or {@code double_attestation}. */
  String kind();

  /** The validator the evidence is against. */
  PublicKey offender();

  /** The block height it concerns. */
  long height();

  /** Checks every signature and the claim itself; ok with this evidence, or {@code bad_evidence}. */
  Result<Evidence> verify(String chainId, ValidatorSet validators, TxVerifier verifier);

  /**
   * The same fault as the staking module's evidence, for a {@code staking/slash} transaction: a divergence
   * becomes {@code divergence} over the votes that differ (the state roots, else the block hashes), a double
   * attestation {@code double_sign}, an invalid proposal {@code invalid_block} (the header, the transaction
   * and its audit path).
   */
  dev.openledger.ledger.msg.Evidence toSlashing(String chainId);

  /** The canonical encoding, kind byte first. */
  default byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(1024);
    encode(w);
    return w.toByteArray();
  }

  void encode(CanonicalWriter w);

  /** SHA-256 of the encoding: the evidence's identity. */
  default Hash hash() {
    return Hash.sha256(encode());
  }

  /**
   * The offender attested a state that a majority of validators contradicts for the same height: after
   * executing the same log, it (or the majority) computed another state. Deterministic re-execution of the
   * block from the previous state tells which; by construction the majority is what the chain stored.
   *
   * @param offending the offender's attestation
   * @param majority attestations of at least a quorum of other validators, all agreeing with each other
   */
  record StateDivergence(Attestation offending, List<Attestation> majority) implements Evidence {
    public StateDivergence {
      Objects.requireNonNull(offending, "offending");
      majority = List.copyOf(majority);
    }

    @Override
    public String kind() {
      return "state_divergence";
    }

    @Override
    public PublicKey offender() {
      return offending.validator();
    }

    @Override
    public long height() {
      return offending.height();
    }

    @Override
    public Result<Evidence> verify(String chainId, ValidatorSet validators, TxVerifier verifier) {
      if (!validators.contains(offending.validator()) || !offending.verify(chainId)) {
        return bad("the offending attestation is not a validator's valid signature");
      }
      Set<PublicKey> signers = new HashSet<>();
      for (Attestation a : majority) {
        if (!validators.contains(a.validator()) || !a.verify(chainId) || !signers.add(a.validator())) {
          return bad("a majority attestation is not a distinct validator's valid signature");
        }
        if (!a.agreesWith(majority.get(0)) || a.agreesWith(offending) || a.validator().equals(offending.validator())) {
          return bad("the majority attestations do not all agree with each other and differ from the offending one");
        }
      }
      if (signers.size() < validators.quorum()) {
        return bad(signers.size() + " validators contradict the offender; a quorum is " + validators.quorum());
      }
      return Result.ok(this);
    }

    @Override
    public dev.openledger.ledger.msg.Evidence toSlashing(String chainId) {
      boolean rootsDiffer = !offending.stateRoot().equals(majority.get(0).stateRoot());
      List<ValidatorVote> votes = new ArrayList<>(majority.size());
      for (Attestation a : majority) {
        votes.add(rootsDiffer ? a.stateRootVote(chainId) : a.blockVote(chainId));
      }
      ValidatorVote offender = rootsDiffer ? offending.stateRootVote(chainId) : offending.blockVote(chainId);
      return new dev.openledger.ledger.msg.Evidence.Divergence(offender, votes);
    }

    @Override
    public void encode(CanonicalWriter w) {
      w.u8(1);
      offending.encode(w);
      w.varint(majority.size());
      for (Attestation a : majority) {
        a.encode(w);
      }
    }
  }

  /**
   * The offender signed a block holding a transaction that fails the stateless checks (a bad signature,
   * another chain, a fee below the floor): no honest validator proposes it, and every replica refuses it.
   *
   * @param block the block, with the offender's signature
   * @param txIndex the failing transaction
   * @param reason the failed check
   */
  record InvalidProposal(Block block, int txIndex, String reason) implements Evidence {
    public InvalidProposal {
      Objects.requireNonNull(block, "block");
      if (txIndex < 0 || txIndex >= block.txs().size()) {
        throw new IllegalArgumentException("txIndex " + txIndex + " is outside the block");
      }
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String kind() {
      return "invalid_proposal";
    }

    @Override
    public PublicKey offender() {
      return block.header().proposer();
    }

    @Override
    public long height() {
      return block.height();
    }

    @Override
    public Result<Evidence> verify(String chainId, ValidatorSet validators, TxVerifier verifier) {
      if (!validators.contains(offender()) || !block.header().verifySignature(block.signature())) {
        return bad("the block is not a validator's signed proposal");
      }
      if (!block.header().chainId().equals(chainId)) {
        return bad("the block is for chain " + block.header().chainId());
      }
      if (!Block.txRoot(block.txs()).equals(block.header().txRoot())) {
        return bad("the transactions are not the ones the signed header commits to");
      }
      SignedTransaction tx = block.txs().get(txIndex);
      if (verifier.verify(tx).isOk()) {
        return bad("transaction " + txIndex + " passes the stateless checks");
      }
      return Result.ok(this);
    }

    @Override
    public dev.openledger.ledger.msg.Evidence toSlashing(String chainId) {
      return dev.openledger.ledger.msg.Evidence.InvalidBlock.of(block, txIndex);
    }

    @Override
    public void encode(CanonicalWriter w) {
      w.u8(2).bytes(block.encode()).varint(txIndex).string(reason);
    }
  }

  /**
   * The offender signed two different claims for one height; an honest replica applies each height once
   * and execution is deterministic, so it never does.
   *
   * @param first one attestation
   * @param second a different one, same validator and height
   */
  record DoubleAttestation(Attestation first, Attestation second) implements Evidence {
    public DoubleAttestation {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(second, "second");
    }

    @Override
    public String kind() {
      return "double_attestation";
    }

    @Override
    public PublicKey offender() {
      return first.validator();
    }

    @Override
    public long height() {
      return first.height();
    }

    @Override
    public Result<Evidence> verify(String chainId, ValidatorSet validators, TxVerifier verifier) {
      if (!first.validator().equals(second.validator()) || first.height() != second.height() || first.agreesWith(second)) {
        return bad("the attestations are not two different claims of one validator for one height");
      }
      if (!validators.contains(first.validator()) || !first.verify(chainId) || !second.verify(chainId)) {
        return bad("the attestations are not the validator's valid signatures");
      }
      return Result.ok(this);
    }

    @Override
    public dev.openledger.ledger.msg.Evidence toSlashing(String chainId) {
      if (!first.stateRoot().equals(second.stateRoot())) {
        return new dev.openledger.ledger.msg.Evidence.DoubleSign(first.stateRootVote(chainId), second.stateRootVote(chainId));
      }
      return new dev.openledger.ledger.msg.Evidence.DoubleSign(first.blockVote(chainId), second.blockVote(chainId));
    }

    @Override
    public void encode(CanonicalWriter w) {
      w.u8(3);
      first.encode(w);
      second.encode(w);
    }
  }

  /** Decodes {@link #encode()}'s output. */
  static Evidence decode(CanonicalReader r) throws DecodeException {
    int kind = r.u8("evidence kind");
    try {
      return switch (kind) {
        case 1 -> {
          Attestation offending = Attestation.decode(r);
          int n = (int) r.varint("majority count", ValidatorSet.MAX_MEMBERS);
          List<Attestation> majority = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            majority.add(Attestation.decode(r));
          }
          yield new StateDivergence(offending, majority);
        }
        case 2 -> new InvalidProposal(Block.decode(r.bytes("block", Integer.MAX_VALUE)), (int) r.varint("tx index", Block.HARD_MAX_TXS), r.string("reason", 4096));
        case 3 -> new DoubleAttestation(Attestation.decode(r), Attestation.decode(r));
        default -> throw new DecodeException("unknown evidence kind " + kind);
      };
    } catch (IllegalArgumentException e) {
      throw new DecodeException(e.getMessage());
    }
  }

  private static Result<Evidence> bad(String message) {
    return Result.err("bad_evidence", message);
  }
}
