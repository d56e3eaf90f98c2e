package dev.openledger.datanet.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.datanet.leaderboard.ContributionOutcome.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaderboardTest {
  private static final Address ALICE = Address.module("alice");
  private static final Address BOB = Address.module("bob");
  private static final Address CAROL = Address.module("carol");
  private static int seq;

  private static ContributionOutcome o(Address who, Status s, int rows, int accepted) {
    return new ContributionOutcome(who, Hash.sha256(new byte[] {(byte) seq++}), s, rows, accepted);
  }

  @Test
  void ranksByCredibleAcceptedRatioThenVolume() {
    List<ContributionOutcome> outcomes = new ArrayList<>();
    outcomes.add(o(ALICE, Status.ACCEPTED, 1000, 950)); // 95% of a large volume
    outcomes.add(o(BOB, Status.ACCEPTED, 2, 2)); // 100% of two rows: not yet credible
    outcomes.add(o(CAROL, Status.ACCEPTED, 100, 60));
    outcomes.add(o(CAROL, Status.REJECTED, 100, 0)); // 60 of 200
    outcomes.add(o(CAROL, Status.PENDING, 50, 0));
    List<LeaderboardEntry> table = Leaderboard.compute(outcomes);
    assertThat(table).extracting(LeaderboardEntry::contributor).containsExactly(ALICE, BOB, CAROL);
    assertThat(table).extracting(LeaderboardEntry::rank).containsExactly(1, 2, 3);
    LeaderboardEntry carol = table.get(2);
    assertThat(carol.rowsDecided()).isEqualTo(200);
    assertThat(carol.rowsAccepted()).isEqualTo(60);
    assertThat(carol.acceptedRowRatio()).isEqualTo(0.3);
    assertThat(carol.pendingContributions()).isEqualTo(1);
    assertThat(table.get(1).acceptedRowRatio()).isEqualTo(1.0);
    assertThat(table.get(1).score()).isLessThan(table.get(0).score());
  }

  @Test
  void orderOfInputDoesNotMatter() {
    List<ContributionOutcome> outcomes =
        new ArrayList<>(
            List.of(
                o(ALICE, Status.ACCEPTED, 10, 5),
                o(BOB, Status.ACCEPTED, 10, 5),
                o(CAROL, Status.REJECTED, 3, 0)));
    List<LeaderboardEntry> a = Leaderboard.compute(outcomes);
    Collections.reverse(outcomes);
    assertThat(Leaderboard.compute(outcomes)).isEqualTo(a);
    assertThat(a.get(0).contributor()).isEqualTo(ALICE.compareTo(BOB) < 0 ? ALICE : BOB);
  }
}
