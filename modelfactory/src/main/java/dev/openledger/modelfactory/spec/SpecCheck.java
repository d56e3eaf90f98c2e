package dev.openledger.modelfactory.spec;

import java.util.List;

/** The outcome of validating a request: a spec ready to run, or every problem found. */
public sealed interface SpecCheck permits SpecCheck.Valid, SpecCheck.Invalid {

  /** A request that passed every check. */
  record Valid(FineTuneSpec spec) implements SpecCheck {}

  /** A refused request; {@code problems} is never empty. */
  record Invalid(List<SpecProblem> problems) implements SpecCheck {
    public Invalid {
      problems = List.copyOf(problems);
      if (problems.isEmpty()) {
        throw new IllegalArgumentException("an invalid request needs at least one problem");
      }
    }

    /** The problems, one per line. */
    public String describe() {
      StringBuilder sb = new StringBuilder();
      for (SpecProblem p : problems) {
        sb.append(p).append('\n');
      }
      return sb.toString();
    }
  }
}
