package dev.openledger.ledger.msg;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.Signature;
import dev.openledger.ledger.block.Block;
import dev.openledger.ledger.block.BlockHeader;
import dev.openledger.ledger.block.MerkleRoot;
import dev.openledger.ledger.staking.Purpose;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.TxCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Proof (or an authorised attestation) that a staker misbehaved in a role, carried by {@link Slash}.
 * Validator evidence (double sign, divergence, invalid block) is signed by the offender and checked on chain
 * whoever submits it; data and audit
 * evidence is attested and accepted only from the governance authority or a reporter named in the staking
 * parameters (docs/economy.md, "Slashing").
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Evidence.DoubleSign.class, name = "double_sign"),
  @JsonSubTypes.Type(value = Evidence.Divergence.class, name = "divergence"),
  @JsonSubTypes.Type(value = Evidence.InvalidData.class, name = "invalid_data"),
  @JsonSubTypes.Type(value = Evidence.FailedAudit.class, name = "failed_audit"),
  @JsonSubTypes.Type(value = Evidence.InvalidBlock.class, name = "invalid_block")
})
public sealed interface Evidence permits Evidence.DoubleSign, Evidence.Divergence, Evidence.InvalidData, Evidence.FailedAudit, Evidence.InvalidBlock {
  int MAX_DETAIL_BYTES = 512;
  int MAX_MAJORITY_VOTES = 64;
  /** An audit path's length bound: a block holds fewer than 2^32 transactions. */
  int MAX_PATH = 32;

  /** Who misbehaved. */
  Address offender();

  /** The height of the infraction; stakes that were not at stake then are not slashed. */
  long infractionHeight();

  /** The role whose stakes are slashed. */
  Purpose purpose();

  /** True when the evidence proves itself (signatures); false when it must come from an authorised reporter. */
  boolean selfVerifying();

  /** Identifies the infraction, so that the same one is never slashed twice. */
  byte[] infractionKey();

  void encode(CanonicalWriter w);

  static Evidence decode(CanonicalReader r) throws DecodeException {
    int tag = r.u8("evidence kind");
    return switch (tag) {
      case 0 -> new DoubleSign(ValidatorVote.decode(r), ValidatorVote.decode(r));
      case 1 -> {
        ValidatorVote offending = ValidatorVote.decode(r);
        int n = (int) r.varint("majority vote count", MAX_MAJORITY_VOTES);
        List<ValidatorVote> majority = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          majority.add(ValidatorVote.decode(r));
        }
        yield new Divergence(offending, majority);
      }
      case 2 -> new InvalidData(r.address("curator"), r.string("datanet", 64), r.hash("contribution"), r.varint("infractionHeight"), r.string("detail", MAX_DETAIL_BYTES));
      case 3 -> new FailedAudit(r.address("provider"), r.hash("audit"), r.varint("infractionHeight"), r.string("detail", MAX_DETAIL_BYTES));
      case 4 -> InvalidBlock.decodeBody(r);
      default -> throw new DecodeException("evidence kind: unknown code " + tag);
    };
  }

  private static byte[] key(String kind, CanonicalWriter w) {
    return new CanonicalWriter().string(kind).raw(w.toByteArray()).toByteArray();
  }

  private static void requireDetail(String detail) {
    Objects.requireNonNull(detail, "detail");
    if (detail.getBytes(StandardCharsets.UTF_8).length > MAX_DETAIL_BYTES) {
      throw new IllegalArgumentException("evidence detail is longer than " + MAX_DETAIL_BYTES + " bytes");
    }
  }

  /**
   * A validator signed two different values for the same chain, height and kind (equivocation). Slashed
   * by {@code doubleSignSlashBps} and tombstoned.
   *
   * @param first one signed vote
   * @param second a conflicting signed vote by the same key
   */
  record DoubleSign(ValidatorVote first, ValidatorVote second) implements Evidence {
    public DoubleSign {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(second, "second");
      if (!first.validator().equals(second.validator()) || !first.sameSlot(second)) {
        throw new IllegalArgumentException("double-sign evidence needs two votes by one validator for the same chain, height and kind");
      }
      if (first.value().equals(second.value())) {
        throw new IllegalArgumentException("double-sign evidence needs two different values");
      }
    }

    @Override
    public Address offender() {
      return first.validator().address();
    }

    @Override
    public long infractionHeight() {
      return first.height();
    }

    @Override
    public Purpose purpose() {
      return Purpose.VALIDATOR;
    }

    @Override
    public boolean selfVerifying() {
      return true;
    }

    /** One equivocation per validator, height and kind, whichever pair of votes proves it. */
    @Override
    public byte[] infractionKey() {
      return key("double_sign", new CanonicalWriter().address(offender()).string(first.chainId()).varint(first.height()).u8(first.kind().ordinal()));
    }

    @Override
    public void encode(CanonicalWriter w) {
      w.u8(0);
      first.encode(w);
      second.encode(w);
    }
  }

  /**
   * A validator signed a value that validators holding more than 2/3 of the validator stake contradict with
   * one other value for the same chain, height and kind (a divergent state root).
   *
   * @param offending the offender's signed vote
   * @param majority votes by other validators, all for one value different from the offender's
   */
  record Divergence(ValidatorVote offending, List<ValidatorVote> majority) implements Evidence {
    public Divergence {
      Objects.requireNonNull(offending, "offending");
      majority = List.copyOf(majority);
      if (majority.isEmpty() || majority.size() > MAX_MAJORITY_VOTES) {
        throw new IllegalArgumentException("divergence evidence needs 1.." + MAX_MAJORITY_VOTES + " majority votes");
      }
      Set<Object> signers = new HashSet<>();
      for (ValidatorVote v : majority) {
        if (!v.sameSlot(offending) || !v.value().equals(majority.get(0).value())) {
          throw new IllegalArgumentException("majority votes must be about the offender's chain, height and kind, and agree on one value");
        }
        if (v.validator().equals(offending.validator()) || !signers.add(v.validator())) {
          throw new IllegalArgumentException("majority votes must come from distinct validators other than the offender");
        }
      }
      if (majority.get(0).value().equals(offending.value())) {
        throw new IllegalArgumentException("the majority agrees with the offender: no divergence");
      }
    }

    @Override
    public Address offender() {
      return offending.validator().address();
    }

    @Override
    public long infractionHeight() {
      return offending.height();
    }

    @Override
    public Purpose purpose() {
      return Purpose.VALIDATOR;
    }

    @Override
    public boolean selfVerifying() {
      return true;
    }

    @Override
    public byte[] infractionKey() {
      return key("divergence", new CanonicalWriter().address(offender()).string(offending.chainId()).varint(offending.height()).u8(offending.kind().ordinal()));
    }

    @Override
    public void encode(CanonicalWriter w) {
      w.u8(1);
      offending.encode(w);
      w.varint(majority.size());
      for (ValidatorVote v : majority) {
        v.encode(w);
      }
    }
  }

  /**
   * A datanet curator approved a contribution that was later proven invalid. Attested.
   *
   * @param curator the curator
   * @param datanet the datanet's id
   * @param contribution the contribution's content hash
   * @param infractionHeight the height of the approval
   * @param detail why it is invalid (for people)
   */
  record InvalidData(Address curator, String datanet, Hash contribution, long infractionHeight, String detail) implements Evidence {
    public InvalidData {
      Objects.requireNonNull(curator, "curator");
      Objects.requireNonNull(datanet, "datanet");
      if (datanet.isEmpty() || datanet.getBytes(StandardCharsets.UTF_8).length > 64) {
        throw new IllegalArgumentException("datanet id must be 1..64 bytes");
      }
      Objects.requireNonNull(contribution, "contribution");
      if (infractionHeight < 0) {
        throw new IllegalArgumentException("infractionHeight must be non-negative");
      }
      requireDetail(detail);
    }

    @Override
    public Address offender() {
      return curator;
    }

    @Override
    public Purpose purpose() {
      return Purpose.CURATOR;
    }

    @Override
    public boolean selfVerifying() {
      return false;
    }

    @Override
    public byte[] infractionKey() {
      return key("invalid_data", new CanonicalWriter().address(curator).string(datanet).hash(contribution));
    }

    @Override
    public void encode(CanonicalWriter w) {
      w.u8(2).address(curator).string(datanet).hash(contribution).varint(infractionHeight).string(detail);
    }
  }

  /**
   * A serving provider failed an attribution audit (its reported attribution could not be reproduced).
   * Attested.
   *
   * @param provider the provider
   * @param audit the audit record's hash
   * @param infractionHeight the height of the audited settlement
   * @param detail what failed (for people)
   */
  record FailedAudit(Address provider, Hash audit, long infractionHeight, String detail) implements Evidence {
    public FailedAudit {
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(audit, "audit");
      if (infractionHeight < 0) {
        throw new IllegalArgumentException("infractionHeight must be non-negative");
      }
      requireDetail(detail);
    }

    @Override
    public Address offender() {
      return provider;
    }

    @Override
    public Purpose purpose() {
      return Purpose.PROVIDER;
    }

    @Override
    public boolean selfVerifying() {
      return false;
    }

    @Override
    public byte[] infractionKey() {
      return key("failed_audit", new CanonicalWriter().address(provider).hash(audit));
    }

    @Override
    public void encode(CanonicalWriter w) {
      w.u8(3).address(provider).hash(audit).varint(infractionHeight).string(detail);
    }
  }

  /**
   * A validator signed a block holding a transaction that fails the checks every honest proposer makes first:
   * its signature does not verify (a forged spend), or it is for another chain (a replay). Only the signed
   * header, the transaction and its RFC 6962 audit path against the header's transaction root are carried,
   * so the evidence stays small whatever the block's size. Every replica refuses such a block, so it was never
   * stored: the infraction height is its parent's, the state the offender built on. Slashed by
   * {@code invalidBlockSlashBps}.
   *
   * @param header the block's header, naming the proposer
   * @param signature the proposer's signature over the header
   * @param tx the offending transaction
   * @param index its position in the block
   * @param path its audit path to {@code header.txRoot()}
   */
  record InvalidBlock(
      @JsonSerialize(using = CanonicalJson.HeaderWriter.class) @JsonDeserialize(using = CanonicalJson.HeaderReader.class) BlockHeader header,
      Signature signature,
      @JsonSerialize(using = CanonicalJson.TxWriter.class) @JsonDeserialize(using = CanonicalJson.TxReader.class) SignedTransaction tx,
      int index,
      List<Hash> path)
      implements Evidence {
    public InvalidBlock {
      Objects.requireNonNull(header, "header");
      Objects.requireNonNull(signature, "signature");
      Objects.requireNonNull(tx, "tx");
      if (header.height() < 1) {
        throw new IllegalArgumentException("invalid-block evidence is about a block above genesis");
      }
      if (index < 0 || index >= header.txCount()) {
        throw new IllegalArgumentException("transaction index " + index + " is outside a block of " + header.txCount());
      }
      path = List.copyOf(path);
      if (path.size() > MAX_PATH) {
        throw new IllegalArgumentException("an audit path has at most " + MAX_PATH + " hashes");
      }
    }

    /** The evidence for transaction {@code index} of a signed block. */
    public static InvalidBlock of(Block block, int index) {
      List<Hash> hashes = new ArrayList<>(block.txs().size());
      for (SignedTransaction t : block.txs()) {
        hashes.add(t.hash());
      }
      return new InvalidBlock(block.header(), block.signature(), block.txs().get(index), index, MerkleRoot.pathOfHashes(hashes, index));
    }

    /** True when the path proves the transaction sits at {@code index} under the header's transaction root. */
    public boolean included() {
      return MerkleRoot.verifyHashInclusion(tx.hash(), index, header.txCount(), path, header.txRoot());
    }

    @Override
    public Address offender() {
      return header.proposer().address();
    }

    /** The parent's height: the block was never stored. */
    @Override
    public long infractionHeight() {
      return header.height() - 1;
    }

    @Override
    public Purpose purpose() {
      return Purpose.VALIDATOR;
    }

    @Override
    public boolean selfVerifying() {
      return true;
    }

    /** One infraction per proposer, chain and height, whichever transaction of the block proves it. */
    @Override
    public byte[] infractionKey() {
      return key("invalid_block", new CanonicalWriter().address(offender()).string(header.chainId()).varint(header.height()));
    }

    @Override
    public void encode(CanonicalWriter w) {
      w.u8(4);
      header.encode(w);
      w.signature(signature).bytes(tx.encoded()).varint(index).varint(path.size());
      for (Hash h : path) {
        w.hash(h);
      }
    }

    static InvalidBlock decodeBody(CanonicalReader r) throws DecodeException {
      BlockHeader header = BlockHeader.decode(r);
      Signature signature = r.signature("signature");
      SignedTransaction tx = CanonicalJson.decodeTx(r.bytes("tx", TxCodec.HARD_MAX_TX_BYTES));
      int index = (int) r.varint("tx index", Integer.MAX_VALUE);
      int n = (int) r.varint("path length", MAX_PATH);
      List<Hash> path = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        path.add(r.hash("path hash"));
      }
      return new InvalidBlock(header, signature, tx, index, path);
    }
  }
}
