package dev.openledger.ledger.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.TestChains;
import dev.openledger.ledger.block.BlockHeader;
import dev.openledger.ledger.engine.Chain;
import dev.openledger.ledger.exec.BlockInput;
import dev.openledger.ledger.exec.ExecutedBlock;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.membership.ClusterSpec;
import dev.openledger.ledger.membership.Validator;
import dev.openledger.ledger.membership.ValidatorSet;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.msg.ValidatorVote;
import dev.openledger.ledger.store.InMemoryLedgerStore;
import dev.openledger.ledger.tx.VerifiedTransaction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Log entries, attestations and evidence: encodings round-trip, checks bite, evidence maps onto staking's. */
class ClusterEntryTest {
  final Genesis genesis = TestCluster.genesis(3, TestCluster.PARAMS);
  final ClusterSpec spec = ClusterSpec.of(genesis).orElseThrow();
  final String chainId = genesis.chainId();

  ExecutedBlock block(KeyPair proposer) {
    Chain chain = Chain.of(genesis);
    InMemoryLedgerStore store = new InMemoryLedgerStore();
    ExecutedBlock g = chain.executor().executeGenesis(genesis, store.state(), store.nodes());
    store.commit(g.toCommit(proposer.sign(g.header().signingBytes())));
    VerifiedTransaction tx = chain.verifier().verify(TestChains.tx(TestChains.key("alice"), 0, new Transfer(TestChains.key("bob").address(), Amount.ofOpen(2)))).orElseThrow();
    return chain.executor().execute(new BlockInput(g.header(), g.header().timeMillis() + 1, proposer.publicKey(), List.of(tx)), store.state(), store.nodes());
  }

  @Test
  void theGenesisSectionRoundTrips() {
    assertThat(spec.validators().members()).extracting(Validator::id).containsExactly("n1", "n2", "n3");
    assertThat(spec.validators().quorum()).isEqualTo(2);
    assertThat(ClusterSpec.of(TestChains.devnet()).isOk()).isFalse();
  }

  @Test
  void entriesRoundTripAndRejectGarbage() throws DecodeException {
    KeyPair n1 = TestCluster.key(0);
    ExecutedBlock b = block(n1);
    Proposal p = new Proposal(b.toCommit(n1.sign(b.header().signingBytes())).block(), List.of(new Proposal.Dropped(Hash.sha256(new byte[] {1}), "bad_nonce", "why")));
    assertThat(ClusterEntry.decode(p.encode())).isEqualTo(p);
    AttestationBatch batch = new AttestationBatch(List.of(Attestation.sign(n1, b.header()), Attestation.sign(TestCluster.key(1), b.header())));
    assertThat(ClusterEntry.decode(batch.encode())).isEqualTo(batch);
    for (int retired : new int[] {3, 9}) { // 3 was the admin-signed membership change
      byte[] bad = p.encode();
      bad[0] = (byte) retired;
      assertThatThrownBy(() -> ClusterEntry.decode(bad)).isInstanceOf(DecodeException.class);
    }
    byte[] trailing = java.util.Arrays.copyOf(batch.encode(), batch.encode().length + 1);
    assertThatThrownBy(() -> ClusterEntry.decode(trailing)).isInstanceOf(DecodeException.class);
  }

  @Test
  void attestationsAreTwoStakingVotesAndVerifyOnlyForTheirChainAndClaim() {
    ExecutedBlock b = block(TestCluster.key(0));
    Attestation a = Attestation.sign(TestCluster.key(1), b.header());
    assertThat(a.verify(chainId)).isTrue();
    assertThat(a.verify("other-chain")).isFalse();
    assertThat(new Attestation(a.validator(), a.height(), a.blockHash(), Hash.ZERO, a.blockSignature(), a.stateRootSignature()).verify(chainId)).isFalse();
    assertThat(new Attestation(a.validator(), a.height(), a.blockHash(), a.stateRoot(), a.stateRootSignature(), a.blockSignature()).verify(chainId)).as("swapped").isFalse();
    // the very votes the staking module's slashing verifies, signed over "openledger:vote:v1\n" | chain | height | kind | hash
    ValidatorVote block = a.blockVote(chainId);
    ValidatorVote root = a.stateRootVote(chainId);
    assertThat(block).isEqualTo(ValidatorVote.sign(TestCluster.key(1), chainId, b.header().height(), ValidatorVote.Kind.BLOCK, b.header().hash()));
    assertThat(root).isEqualTo(ValidatorVote.sign(TestCluster.key(1), chainId, b.header().height(), ValidatorVote.Kind.STATE_ROOT, b.header().stateRoot()));
    assertThat(block.verify() && root.verify()).isTrue();
  }

  static BlockHeader withRoot(BlockHeader h, Hash root) {
    return new BlockHeader(h.chainId(), h.height(), h.timeMillis(), h.prevHash(), h.txRoot(), h.receiptRoot(), root, h.proposer(), h.txCount());
  }

  @Test
  void divergenceEvidenceIsIssuedAgainAsMoreValidatorsAgreeAndMapsOntoStakingVotes() {
    List<Validator> five = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      five.add(Validator.of("n" + (i + 1), TestCluster.key(i).publicKey()));
    }
    ValidatorSet set = new ValidatorSet(0, five);
    AttestationBook book = new AttestationBook(chainId, 100);
    BlockHeader good = block(TestCluster.key(0)).header();
    assertThat(book.add(Attestation.sign(TestCluster.key(4), withRoot(good, Hash.sha256(new byte[] {9}))), set)).isEmpty();
    assertThat(book.add(Attestation.sign(TestCluster.key(0), good), set)).isEmpty();
    assertThat(book.add(Attestation.sign(TestCluster.key(1), good), set)).isEmpty();
    List<Evidence> atQuorum = book.add(Attestation.sign(TestCluster.key(2), good), set);
    assertThat(atQuorum).singleElement().satisfies(e -> assertThat(((Evidence.StateDivergence) e).majority()).hasSize(3));
    List<Evidence> grown = book.add(Attestation.sign(TestCluster.key(3), good), set);
    assertThat(grown).singleElement().satisfies(e -> assertThat(((Evidence.StateDivergence) e).majority()).hasSize(4));
    assertThat(grown.get(0).hash()).isNotEqualTo(atQuorum.get(0).hash());

    var slash = (dev.openledger.ledger.msg.Evidence.Divergence) grown.get(0).toSlashing(chainId);
    assertThat(slash.offending().kind()).isEqualTo(ValidatorVote.Kind.STATE_ROOT);
    assertThat(slash.offender()).isEqualTo(TestCluster.key(4).address());
    assertThat(slash.majority()).hasSize(4).allSatisfy(v -> assertThat(v.verify()).isTrue());
    assertThat(slash.infractionHeight()).isEqualTo(good.height());

    // the same state root under another header: the block votes are what differ
    BlockHeader otherTime = new BlockHeader(good.chainId(), good.height(), good.timeMillis() + 1, good.prevHash(), good.txRoot(), good.receiptRoot(), good.stateRoot(), good.proposer(), good.txCount());
    Evidence.DoubleAttestation twice = new Evidence.DoubleAttestation(Attestation.sign(TestCluster.key(0), good), Attestation.sign(TestCluster.key(0), otherTime));
    var doubleSign = (dev.openledger.ledger.msg.Evidence.DoubleSign) twice.toSlashing(chainId);
    assertThat(doubleSign.first().kind()).isEqualTo(ValidatorVote.Kind.BLOCK);
    assertThat(doubleSign.first().verify() && doubleSign.second().verify()).isTrue();
  }

  @Test
  void theBookFindsAQuorumAndReportsDissentAndDoubleSigning() {
    ValidatorSet set = spec.validators();
    AttestationBook book = new AttestationBook(chainId, 100);
    ExecutedBlock good = block(TestCluster.key(0));
    Attestation a1 = Attestation.sign(TestCluster.key(0), good.header());
    Attestation a2 = Attestation.sign(TestCluster.key(1), good.header());
    var otherHeader = new dev.openledger.ledger.block.BlockHeader(
        good.header().chainId(), good.header().height(), good.header().timeMillis(), good.header().prevHash(), good.header().txRoot(), good.header().receiptRoot(),
        Hash.sha256(new byte[] {7}), good.header().proposer(), good.header().txCount());
    Attestation dissent = Attestation.sign(TestCluster.key(2), otherHeader);
    assertThat(book.add(dissent, set)).isEmpty();
    assertThat(book.add(a1, set)).isEmpty();
    assertThat(book.attestedHeight()).isZero();
    List<Evidence> found = book.add(a2, set);
    assertThat(book.attestedHeight()).isEqualTo(good.header().height());
    assertThat(found).singleElement().isInstanceOf(Evidence.StateDivergence.class);
    assertThat(found.get(0).offender()).isEqualTo(TestCluster.key(2).publicKey());
    assertThat(found.get(0).verify(chainId, set, Chain.of(genesis).verifier()).isOk()).isTrue();
    assertThat(book.add(a2, set)).as("the same attestation again").isEmpty();
    Attestation second = Attestation.sign(TestCluster.key(0), otherHeader);
    List<Evidence> doubled = book.add(second, set);
    assertThat(doubled).singleElement().isInstanceOf(Evidence.DoubleAttestation.class);
    assertThat(doubled.get(0).verify(chainId, set, Chain.of(genesis).verifier()).isOk()).isTrue();
    assertThat(book.add(Attestation.sign(KeyPair.insecureFromLabel("outsider"), good.header()), set)).isEmpty();
    assertThat(book.ignored()).isEqualTo(1);
  }

  @Test
  void signedEvidenceRoundTripsAndNamesItsReporter() throws DecodeException {
    ExecutedBlock b = block(TestCluster.key(0));
    Attestation x = Attestation.sign(TestCluster.key(0), b.header());
    var other = new dev.openledger.ledger.block.BlockHeader(
        b.header().chainId(), b.header().height(), b.header().timeMillis(), b.header().prevHash(), b.header().txRoot(), b.header().receiptRoot(), Hash.ZERO,
        b.header().proposer(), b.header().txCount());
    Evidence e = new Evidence.DoubleAttestation(x, Attestation.sign(TestCluster.key(0), other));
    SignedEvidence s = SignedEvidence.sign(e, TestCluster.key(1), chainId);
    SignedEvidence back = SignedEvidence.decode(s.encode());
    assertThat(back.hash()).isEqualTo(e.hash());
    assertThat(back.verify(chainId, spec.validators(), Chain.of(genesis).verifier()).isOk()).isTrue();
    SignedEvidence wrongReporter = new SignedEvidence(e, TestCluster.key(2).publicKey(), s.signature());
    assertThat(wrongReporter.verify(chainId, spec.validators(), Chain.of(genesis).verifier()).isOk()).isFalse();
  }
}
