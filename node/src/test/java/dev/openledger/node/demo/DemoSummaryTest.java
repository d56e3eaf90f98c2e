package dev.openledger.node.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoSummaryTest {

  @Test
  void aRoleAddedAgainByALaterPartIsNotRepeated() {
    DemoSummary s = new DemoSummary();
    s.row("bob", "data contributor");
    s.row("bob", "staker");
    s.row("bob", "model developer");
    s.row("bob", "data contributor");
    s.row("bob", "staker");
    s.row("carol", "paying user");
    s.row("carol", "paying");
    List<String> table = s.render();

    assertThat(table.get(2))
        .startsWith("bob ")
        .contains("data contributor, staker, model developer")
        .doesNotContain("model developer, data contributor");
    assertThat(table.get(3))
        .as("a role that is only a prefix of an existing one is still added")
        .contains("paying user, paying");
  }

  @Test
  void columnsFillTheirRowsAndOthersShowADash() {
    DemoSummary s = new DemoSummary();
    s.row("alice", "datanet owner");
    s.column("earned", "why it was earned", Map.of("bob", "1.5"));
    List<String> table = s.render();

    assertThat(table.get(0)).startsWith("account").endsWith("earned");
    assertThat(table.get(2)).startsWith("alice").endsWith("-");
    assertThat(table.get(3)).startsWith("bob").endsWith("1.5");
    assertThat(table).contains("earned  why it was earned");
  }
}
