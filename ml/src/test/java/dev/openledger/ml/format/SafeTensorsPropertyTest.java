package dev.openledger.ml.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class SafeTensorsPropertyTest {
  @Provide
  Arbitrary<NamedTensors> tensors() {
    Arbitrary<int[]> shapes = Arbitraries.integers().between(0, 5).array(int[].class).ofMaxSize(3);
    Arbitrary<Tensor> tensor =
        Combinators.combine(
                Arbitraries.strings()
                    .withCharRange('!', '~')
                    .withChars('é', '日')
                    .ofMinLength(1)
                    .ofMaxLength(12),
                shapes)
            .flatAs(
                (name, shape) ->
                    Arbitraries.floats()
                        .array(float[].class)
                        .ofSize((int) Tensor.numel(shape))
                        .map(data -> new Tensor(name, shape, data)));
    return tensor.list().ofMaxSize(6).uniqueElements(Tensor::name).map(NamedTensors::of);
  }

  @Provide
  Arbitrary<Map<String, String>> metadata() {
    return Arbitraries.maps(
            Arbitraries.strings().ofMaxLength(8).filter(k -> !k.isEmpty()),
            Arbitraries.strings().ofMaxLength(20))
        .ofMaxSize(3)
        .map(TreeMap::new);
  }

  @Property(tries = 200)
  void f32RoundTripIsExact(
      @ForAll("tensors") NamedTensors t, @ForAll("metadata") Map<String, String> meta)
      throws Exception {
    try (SafeTensorsFile f = SafeTensorsFile.of(SafeTensors.toBytes(t, meta, DType.F32))) {
      assertThat(f.readAll()).isEqualTo(t);
      assertThat(f.metadata()).isEqualTo(meta);
    }
  }

  @Property(tries = 100)
  void halfPrecisionRoundTripIsStableAfterOneConversion(@ForAll("tensors") NamedTensors t)
      throws Exception {
    for (DType d : List.of(DType.F16, DType.BF16)) {
      NamedTensors once = SafeTensorsFile.of(SafeTensors.toBytes(t, Map.of(), d)).readAll();
      NamedTensors twice = SafeTensorsFile.of(SafeTensors.toBytes(once, Map.of(), d)).readAll();
      assertThat(twice).isEqualTo(once);
    }
  }

  /**
   * Flipping any byte or truncating anywhere gives a clean result or a FormatException, nothing
   * else.
   */
  @Property(tries = 300)
  void corruptedBytesFailCleanly(
      @ForAll("tensors") NamedTensors t,
      @ForAll @IntRange(min = 0, max = 10_000) int where,
      @ForAll byte value,
      @ForAll boolean truncate) {
    byte[] bytes = SafeTensors.toBytes(t, Map.of("k", "v"), DType.F32);
    int i = where % bytes.length;
    byte[] bad;
    if (truncate) {
      bad = java.util.Arrays.copyOf(bytes, i);
    } else {
      bad = bytes.clone();
      bad[i] = value;
    }
    List<Throwable> failures = new ArrayList<>();
    try (SafeTensorsFile f = SafeTensorsFile.of(bad)) {
      f.readAll();
    } catch (FormatException e) {
      failures.add(e);
    } catch (Exception e) {
      throw new AssertionError("corrupt input gave " + e, e);
    }
    if (truncate && i < bytes.length) {
      assertThat(failures).hasSize(1);
    }
    assertThatThrownBy(
            () -> {
              if (!failures.isEmpty()) {
                throw failures.get(0);
              }
              throw new FormatException("accepted");
            })
        .isInstanceOf(FormatException.class);
  }
}
