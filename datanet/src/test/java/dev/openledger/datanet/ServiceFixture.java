package dev.openledger.datanet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.datanet.bench.BrownCorpus;
import dev.openledger.datanet.validate.Reason;
import dev.openledger.datanet.validate.UsageSnapshot;
import dev.openledger.datanet.validate.ValidationParams;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** A service in a temporary directory with one news datanet and three accounts. */
final class ServiceFixture implements AutoCloseable {
  static final Address OWNER = KeyPair.insecureFromLabel("owner").address();
  static final Address ALICE = KeyPair.insecureFromLabel("alice").address();
  static final Address BOB = KeyPair.insecureFromLabel("bob").address();
  static final Address CAROL = KeyPair.insecureFromLabel("carol").address();
  static final Hash NEWS = Hash.sha256("datanet:news".getBytes(StandardCharsets.UTF_8));

  final Path dir;
  // Blob ages come from file modification times, so the clock starts at the real time.
  final MutableClock clock = MutableClock.realNow();
  final ValidationParams params;
  DatanetService service;

  ServiceFixture(Path dir, ValidationParams params) throws IOException {
    this.dir = dir;
    this.params = params;
    reopen();
    service
        .createDatanet(
            new DatanetSpec(
                NEWS,
                OWNER,
                "Press reportage",
                "American newspaper reporting",
                "News stories: politics, courts, sport, society.",
                List.of("news", "press")))
        .orElseThrow();
  }

  ServiceFixture(Path dir) throws IOException {
    this(dir, ValidationParams.defaults());
  }

  /** Simulates a process restart: closes the service and opens it again on the same directory. */
  void reopen() throws IOException {
    if (service != null) {
      service.close();
    }
    service = DatanetService.open(dir, params, clock);
  }

  IngestResult ingest(Address who, String name, String text) throws IOException {
    return service.ingest(
        NEWS, who, name, text.getBytes(StandardCharsets.UTF_8), UsageSnapshot.NONE);
  }

  IngestResult.Staged staged(IngestResult r) {
    if (r instanceof IngestResult.Rejected rej) {
      throw new AssertionError(
          "expected a staged contribution, got the rejection " + rej.rejection());
    }
    return (IngestResult.Staged) r;
  }

  IngestResult.Rejected rejected(IngestResult r, Reason reason) {
    if (r instanceof IngestResult.Staged s) {
      throw new AssertionError(
          "expected a rejection ("
              + reason
              + "), got a staged contribution with "
              + s.rowsAccepted()
              + " of "
              + s.rowsTotal()
              + " rows accepted");
    }
    IngestResult.Rejected rej = (IngestResult.Rejected) r;
    assertThat(rej.rejection().reason()).as(rej.rejection().toString()).isEqualTo(reason);
    return rej;
  }

  /** Ingests, registers (as if SubmitContribution committed) and accepts. */
  IngestResult.Staged contributeAccepted(Address who, String name, String text) throws IOException {
    IngestResult.Staged s = staged(ingest(who, name, text));
    service.register(s.contributionId()).orElseThrow();
    service.accept(s.contributionId(), "ok").orElseThrow();
    return s;
  }

  static String brownText(String file) throws IOException {
    return BrownCorpus.at(Path.of(System.getProperty("openledger.repo.root"))).text(file);
  }

  @Override
  public void close() {
    service.close();
  }
}
