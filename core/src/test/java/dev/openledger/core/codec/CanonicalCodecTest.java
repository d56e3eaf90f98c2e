package dev.openledger.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class CanonicalCodecTest {

  @Property
  void varintRoundTripsAndIsShortest(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long v)
      throws DecodeException {
    byte[] enc = new CanonicalWriter().varint(v).toByteArray();
    CanonicalReader r = new CanonicalReader(enc);
    assertThat(r.varint("v")).isEqualTo(v);
    r.finish();
    int bits = 64 - Long.numberOfLeadingZeros(v);
    assertThat(enc.length).isEqualTo(Math.max(1, (bits + 6) / 7));
  }

  @Property
  void mixedRecordRoundTrips(
      @ForAll String s, @ForAll @Size(max = 300) byte[] b, @ForAll boolean flag, @ForAll long i)
      throws DecodeException {
    byte[] enc = new CanonicalWriter().string(s).bytes(b).bool(flag).i64(i).toByteArray();
    CanonicalReader r = new CanonicalReader(enc);
    assertThat(r.string("s", 1 << 20))
        .isEqualTo(
            s.codePoints().allMatch(Character::isValidCodePoint)
                ? new String(
                    s.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    java.nio.charset.StandardCharsets.UTF_8)
                : s);
    assertThat(r.bytes("b", 1000)).isEqualTo(b);
    assertThat(r.bool("flag")).isEqualTo(flag);
    assertThat(r.i64("i")).isEqualTo(i);
    r.finish();
  }

  @Test
  void rejectsNonCanonicalForms() {
    assertThatThrownBy(() -> new CanonicalReader(new byte[] {(byte) 0x80, 0x00}).varint("v"))
        .hasMessageContaining("shortest");
    assertThatThrownBy(() -> new CanonicalReader(new byte[] {2}).bool("b"))
        .hasMessageContaining("0 or 1");
    byte[] nine = {
      (byte) 0xff,
      (byte) 0xff,
      (byte) 0xff,
      (byte) 0xff,
      (byte) 0xff,
      (byte) 0xff,
      (byte) 0xff,
      (byte) 0xff,
      (byte) 0x80,
      1
    };
    assertThatThrownBy(() -> new CanonicalReader(nine).varint("v")).hasMessageContaining("63 bits");
    assertThatThrownBy(() -> new CanonicalReader(new byte[] {3, 1}).bytes("x", 10))
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> new CanonicalReader(new byte[] {5, 1, 2, 3, 4, 5}).bytes("x", 4))
        .hasMessageContaining("limit");
    assertThatThrownBy(() -> new CanonicalReader(new byte[] {2, (byte) 0xc3, 0x28}).string("s", 10))
        .hasMessageContaining("UTF-8");
    assertThatThrownBy(
            () -> {
              CanonicalReader r = new CanonicalReader(new byte[] {1, 2});
              r.u8("a");
              r.finish();
            })
        .hasMessageContaining("trailing");
  }

  @Test
  void hugeLengthFieldDoesNotAllocate() {
    byte[] enc = new CanonicalWriter().varint(Integer.MAX_VALUE).toByteArray();
    assertThatThrownBy(() -> new CanonicalReader(enc).bytes("x", Integer.MAX_VALUE))
        .hasMessageContaining("truncated");
  }
}
