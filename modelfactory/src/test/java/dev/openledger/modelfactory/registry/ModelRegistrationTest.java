package dev.openledger.modelfactory.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.modelfactory.spec.DatanetVersionRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The registration's canonical encoding round-trips exactly and refuses anything that is not one.
 */
class ModelRegistrationTest {

  @Provide
  Arbitrary<ModelRegistration> registrations() {
    Arbitrary<Hash> hashes = Arbitraries.bytes().array(byte[].class).ofSize(32).map(Hash::wrap);
    Arbitrary<String> names =
        Arbitraries.strings()
            .withChars("abcxyz0129._-")
            .ofMinLength(1)
            .ofMaxLength(64)
            .filter(n -> Character.isLetterOrDigit(n.charAt(0)));
    Arbitrary<Integer> counts = Arbitraries.integers().between(1, 4);
    return Combinators.combine(
            names,
            Arbitraries.integers().between(1, 1000),
            hashes,
            hashes,
            counts,
            Arbitraries.longs(),
            Arbitraries.bytes().array(byte[].class).ofSize(20))
        .as(
            (name, version, base, adapter, n, seed, dev) -> {
              java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
              List<DatanetVersionRef> ds = new ArrayList<>();
              List<EvalMetric> ms = new ArrayList<>();
              for (int i = 0; i < n; i++) {
                Hash id = Hash.sha256(new byte[] {(byte) i}, Long.toString(seed).getBytes());
                int v = 1 + r.nextInt(50);
                ds.add(new DatanetVersionRef(id, v, Hash.sha256(id.bytes())));
                ms.add(
                    new EvalMetric(
                        id,
                        v,
                        1 + r.nextInt(100000),
                        1000 + r.nextInt(1 << 20),
                        1000 + r.nextInt(1 << 20)));
              }
              return new ModelRegistration(
                  name,
                  version,
                  base,
                  adapter,
                  ds,
                  Hash.sha256(base.bytes(), adapter.bytes()),
                  ms,
                  Address.wrap(dev),
                  Hash.sha256(adapter.bytes()));
            });
  }

  @Property(tries = 200)
  void roundTrips(@ForAll("registrations") ModelRegistration r) throws Exception {
    byte[] bytes = r.encode();
    assertThat(ModelRegistration.decode(bytes)).isEqualTo(r);
    assertThat(ModelRegistration.decode(bytes).hash()).isEqualTo(r.hash());
  }

  @Property(tries = 200)
  void refusesTruncatedOrExtendedBytes(
      @ForAll("registrations") ModelRegistration r, @ForAll("cuts") int cut) {
    byte[] bytes = r.encode();
    byte[] shorter = Arrays.copyOf(bytes, Math.floorMod(cut, bytes.length));
    assertThatThrownBy(() -> ModelRegistration.decode(shorter)).isInstanceOf(DecodeException.class);
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(() -> ModelRegistration.decode(longer)).isInstanceOf(DecodeException.class);
  }

  @Provide
  Arbitrary<Integer> cuts() {
    return Arbitraries.integers().between(0, Integer.MAX_VALUE);
  }
}
