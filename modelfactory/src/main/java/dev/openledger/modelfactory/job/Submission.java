package dev.openledger.modelfactory.job;

import dev.openledger.modelfactory.spec.SpecProblem;
import java.util.List;

/**
 * The answer to a fine-tune request: a queued job, or the reasons it was refused (nothing was
 * started).
 */
public sealed interface Submission permits Submission.Accepted, Submission.Refused {

  record Accepted(JobRecord job) implements Submission {}

  record Refused(List<SpecProblem> problems) implements Submission {
    public Refused {
      problems = List.copyOf(problems);
    }
  }
}
