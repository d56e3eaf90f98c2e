package dev.openledger.ledger.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends this validator's attestations to the log, batched every {@code period}. An attestation that
 * cannot be sent (no leader) is kept and sent with the next batch; beyond {@link #MAX_PENDING} the
 * oldest are dropped, which only delays the attested height of those blocks.
 */
final class Attester implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(Attester.class);
  static final int MAX_PENDING = 20_000;

  private final Submitter submit;
  private final Duration period;
  private final LinkedBlockingDeque<Attestation> queue = new LinkedBlockingDeque<>();
  private volatile boolean running = true;

  /** Appends an entry through the leader, blocking. */
  interface Submitter {
    ApplyOutcome submit(byte[] entry) throws java.io.IOException;
  }

  Attester(Submitter submit, Duration period) {
    this.submit = submit;
    this.period = period;
  }

  void add(Attestation a) {
    queue.addLast(a);
    while (queue.size() > MAX_PENDING) {
      queue.pollFirst();
    }
  }

  void stop() {
    running = false;
  }

  @Override
  public void run() {
    while (running) {
      try {
        Thread.sleep(period.toMillis());
        List<Attestation> batch = new ArrayList<>();
        queue.drainTo(batch, AttestationBatch.MAX);
        if (batch.isEmpty()) {
          continue;
        }
        try {
          submit.submit(new AttestationBatch(batch).encode());
        } catch (java.io.IOException | IllegalStateException e) {
          log.debug("sending {} attestations failed, keeping them: {}", batch.size(), e.toString());
          for (int i = batch.size() - 1; i >= 0; i--) {
            queue.addFirst(batch.get(i));
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("attestation sender failed; continuing", e);
      }
    }
  }
}
