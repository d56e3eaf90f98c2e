package dev.openledger.ledger.msg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.ledger.TestChains;
import dev.openledger.ledger.engine.Chain;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

  /** Every concrete message in the sealed hierarchy, found by walking the permitted subclasses. */
  static List<Class<?>> concreteMessages(Class<?> root) {
    List<Class<?>> out = new ArrayList<>();
    if (root.isSealed()) {
      for (Class<?> sub : root.getPermittedSubclasses()) {
        out.addAll(concreteMessages(sub));
      }
    } else {
      out.add(root);
    }
    return out;
  }

  @Test
  void everyMessageRecordIsRegisteredOnceWithAUniqueTag() {
    List<Class<?>> records = concreteMessages(Message.class);
    assertThat(records).contains(Transfer.class, Burn.class);
    Set<Class<?>> registered = new HashSet<>();
    Set<Integer> tags = new HashSet<>();
    for (MessageType<?> t : MessageCodec.all()) {
      assertThat(registered.add(t.javaType())).as("registered twice: " + t.name()).isTrue();
      assertThat(tags.add(t.tag())).as("tag reused: " + t.tag()).isTrue();
      assertThat(MessageCodec.byTag(t.tag())).contains(t);
    }
    assertThat(registered).containsExactlyInAnyOrderElementsOf(records);
    assertThat(Transfer.TYPE.tag()).isEqualTo(0x0101);
    assertThat(Burn.TYPE.tag()).isEqualTo(0x0102);
  }

  @Test
  void everyRegisteredMessageHasAHandler() {
    // the state machine refuses to start otherwise
    assertThat(Chain.of(TestChains.devnet()).machine().modules()).isNotEmpty();
  }
}
