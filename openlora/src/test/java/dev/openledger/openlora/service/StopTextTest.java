package dev.openledger.openlora.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Stop strings cut the text wherever the token boundaries fall. */
class StopTextTest {

  @Test
  void textIsHeldBackOnlyWhileItMayStartAStopString() {
    StopText s = new StopText(List.of("END", "\n\n"));
    assertThat(s.push("hello E")).isEqualTo("hello ");
    assertThat(s.push("N")).isEmpty();
    assertThat(s.push("x")).isEqualTo("ENx");
    assertThat(s.push(" done\n")).isEqualTo(" done");
    assertThat(s.push("\nmore")).isEmpty();
    assertThat(s.matched()).isTrue();
    assertThat(s.push("later")).isEmpty();
    assertThat(s.finish()).isEmpty();
  }

  @Test
  void withoutAMatchTheHeldBackTailComesOutAtTheEnd() {
    StopText s = new StopText(List.of("STOP"));
    assertThat(s.push("go ST")).isEqualTo("go ");
    assertThat(s.finish()).isEqualTo("ST");
  }

  @Property(tries = 200)
  void splittingTheTextAnywhereGivesThePrefixBeforeTheFirstStop(
      @ForAll @StringLength(max = 30) String text, @ForAll @IntRange(min = 1, max = 6) int piece) {
    String alphabet = text.replaceAll("[^ab]", "a");
    List<String> stops = List.of("abb", "ba");
    StopText s = new StopText(stops);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < alphabet.length(); i += piece) {
      out.append(s.push(alphabet.substring(i, Math.min(alphabet.length(), i + piece))));
    }
    out.append(s.finish());
    int cut = alphabet.length();
    for (String stop : stops) {
      int i = alphabet.indexOf(stop);
      if (i >= 0) {
        cut = Math.min(cut, i);
      }
    }
    assertThat(out.toString()).isEqualTo(alphabet.substring(0, cut));
  }
}
