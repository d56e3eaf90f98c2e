package dev.openledger.modelfactory;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.datanet.DatanetService;
import dev.openledger.datanet.validate.ValidationParams;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.modelfactory.access.AccessPolicy;
import dev.openledger.modelfactory.access.DevnetAccessPolicy;
import dev.openledger.modelfactory.bench.BenchDatanets;
import dev.openledger.modelfactory.run.RunSettings;
import dev.openledger.modelfactory.spec.FineTuneRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** A node's off-chain side in a temporary directory: a datanet service and ModelFactory over it. */
final class World implements AutoCloseable {
  static final Address OWNER = KeyPair.insecureFromLabel("owner").address();
  static final Address DEV = KeyPair.insecureFromLabel("developer").address();
  static final List<Address> CONTRIBUTORS =
      List.of(
          KeyPair.insecureFromLabel("alice").address(),
          KeyPair.insecureFromLabel("bob").address(),
          KeyPair.insecureFromLabel("carol").address());

  final Path dir;
  final AccessPolicy access;
  final RunSettings settings;
  DatanetService datanets;
  ModelFactory factory;

  World(Path dir, AccessPolicy access, RunSettings settings) throws IOException {
    this.dir = dir;
    this.access = access;
    this.settings = settings;
    open();
  }

  World(Path dir) throws IOException {
    this(dir, DevnetAccessPolicy.allOpen(), new RunSettings(4, 3600));
  }

  /** Opens the datanet service and ModelFactory (after {@link #close}: a process restart). */
  void open() throws IOException {
    datanets =
        DatanetService.open(
            dir.resolve("datanets"), ValidationParams.defaults(), Clock.systemUTC());
    factory =
        ModelFactory.open(
            new ModelFactoryConfig(
                dir.resolve("modelfactory"), Kernels.best(), settings, Clock.systemUTC()),
            datanets,
            access);
  }

  /**
   * Creates datanet {@code name} whose version 1 holds {@code paragraphs} (see {@link
   * BenchDatanets#publish}).
   */
  Hash datanet(String name, List<String> paragraphs) throws IOException {
    return BenchDatanets.publish(datanets, name, OWNER, CONTRIBUTORS, paragraphs);
  }

  /** A request by {@link #DEV} with fast settings for the small random base. */
  static FineTuneRequest.Builder quick(String name, Path base, Hash... datanetIds) {
    FineTuneRequest.Builder b =
        FineTuneRequest.builder(name, DEV, base.toString())
            .rank(4)
            .alpha(8)
            .epochs(2)
            .batchSize(4)
            .seqLen(32)
            .learningRate(5e-3f)
            .evalFraction(0.2f);
    for (Hash d : datanetIds) {
      b.datanet(d.toHex());
    }
    return b;
  }

  @Override
  public void close() throws IOException {
    try {
      if (factory != null) {
        factory.close();
      }
    } finally {
      if (datanets != null) {
        datanets.close();
      }
      factory = null;
      datanets = null;
    }
  }
}
