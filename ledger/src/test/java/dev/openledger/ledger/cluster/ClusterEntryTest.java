package dev.openledger.ledger.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.TestChains;
import dev.openledger.ledger.engine.Chain;
import dev.openledger.ledger.exec.BlockInput;
import dev.openledger.ledger.exec.ExecutedBlock;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.store.InMemoryLedgerStore;
import dev.openledger.ledger.tx.VerifiedTransaction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Log entries, attestations, evidence and membership changes: encodings round-trip and checks bite. */
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
    assertThat(spec.admin()).isEqualTo(TestCluster.ADMIN.publicKey());
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
    MembershipChange m = MembershipChange.sign(TestCluster.ADMIN, chainId, 0, new MembershipChange.Add(new Validator("n9", TestCluster.key(8).publicKey(), "127.0.0.1:9999")));
    assertThat(ClusterEntry.decode(m.encode())).isEqualTo(m);
    byte[] bad = p.encode();
    bad[0] = 9;
    assertThatThrownBy(() -> ClusterEntry.decode(bad)).isInstanceOf(DecodeException.class);
    byte[] trailing = java.util.Arrays.copyOf(batch.encode(), batch.encode().length + 1);
    assertThatThrownBy(() -> ClusterEntry.decode(trailing)).isInstanceOf(DecodeException.class);
  }

  @Test
  void attestationsVerifyOnlyForTheirChainAndClaim() {
    ExecutedBlock b = block(TestCluster.key(0));
    Attestation a = Attestation.sign(TestCluster.key(1), b.header());
    assertThat(a.verify(chainId)).isTrue();
    assertThat(a.verify("other-chain")).isFalse();
    assertThat(new Attestation(a.validator(), a.height(), a.blockHash(), Hash.ZERO, a.signature()).verify(chainId)).isFalse();
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

  @Test
  void membershipChangesNeedTheAdminAndTheCurrentVersion() {
    ValidatorSet set = spec.validators();
    var add = new MembershipChange.Add(new Validator("n4", TestCluster.key(3).publicKey(), "127.0.0.1:1234"));
    ValidatorSet next = MembershipChange.sign(TestCluster.ADMIN, chainId, 0, add).applyTo(set, spec.admin(), chainId).orElseThrow();
    assertThat(next.version()).isEqualTo(1);
    assertThat(next.byId("n4")).isPresent();
    assertThat(MembershipChange.sign(TestCluster.ADMIN, chainId, 0, add).applyTo(next, spec.admin(), chainId).isOk()).as("replay").isFalse();
    assertThat(MembershipChange.sign(TestCluster.key(0), chainId, 0, add).applyTo(set, spec.admin(), chainId).isOk()).as("not the admin").isFalse();
    assertThat(MembershipChange.sign(TestCluster.ADMIN, "other", 0, add).applyTo(set, spec.admin(), chainId).isOk()).as("another chain").isFalse();
    var dup = new MembershipChange.Add(new Validator("n5", TestCluster.key(0).publicKey(), "127.0.0.1:1"));
    assertThat(MembershipChange.sign(TestCluster.ADMIN, chainId, 0, dup).applyTo(set, spec.admin(), chainId).isOk()).as("a key already in the set").isFalse();
    ValidatorSet one = new ValidatorSet(0, List.of(set.members().get(0)));
    assertThat(MembershipChange.sign(TestCluster.ADMIN, chainId, 0, new MembershipChange.Remove("n1")).applyTo(one, spec.admin(), chainId).isOk()).isFalse();
  }
}
