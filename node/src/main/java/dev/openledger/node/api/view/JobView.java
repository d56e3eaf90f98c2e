package dev.openledger.node.api.view;

import dev.openledger.modelfactory.job.JobEvent;
import dev.openledger.modelfactory.job.JobRecord;
import java.util.Objects;

/**
 * {@code GET /api/jobs/{id}}: the job and, while it runs on this node, its last progress event.
 *
 * @param job the job's record
 * @param progress the last progress event, or null
 */
public record JobView(JobRecord job, JobEvent.Progress progress) {
  public JobView {
    Objects.requireNonNull(job, "job");
  }
}
