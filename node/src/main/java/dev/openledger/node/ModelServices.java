package dev.openledger.node;

import dev.openledger.datanet.DatanetService;
import dev.openledger.datanet.validate.ValidationParams;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.modelfactory.ModelFactory;
import dev.openledger.modelfactory.ModelFactoryConfig;
import dev.openledger.modelfactory.access.DevnetAccessPolicy;
import dev.openledger.modelfactory.run.RunSettings;
import dev.openledger.node.api.ModelFactoryRoutes;
import dev.openledger.node.api.RouteModule;
import dev.openledger.node.home.NodeHome;
import java.io.IOException;
import java.time.Clock;
import java.util.List;

/**
 * The node's off-chain model services: the datanet store and ModelFactory over it, with ModelFactory's worker
 * running in the background. Closing stops the worker (a running job checkpoints and resumes on the next start),
 * then closes the stores.
 */
public final class ModelServices implements AutoCloseable {
  private final DatanetService datanets;
  private final ModelFactory factory;

  private ModelServices(DatanetService datanets, ModelFactory factory) {
    this.datanets = datanets;
    this.factory = factory;
  }

  /** Opens the services in {@code home}'s data directory and starts the fine-tuning worker. */
  public static ModelServices start(NodeHome home) throws IOException {
    DatanetService datanets = DatanetService.open(home.datanetDir(), ValidationParams.defaults(), Clock.systemUTC());
    try {
      ModelFactory factory = ModelFactory.open(new ModelFactoryConfig(home.modelFactoryDir(), Kernels.best(),
          RunSettings.defaults(), Clock.systemUTC()), datanets, DevnetAccessPolicy.read(home.accessPolicyFile()));
      factory.startWorker();
      return new ModelServices(datanets, factory);
    } catch (IOException | RuntimeException e) {
      datanets.close();
      throw e;
    }
  }

  public DatanetService datanets() {
    return datanets;
  }

  public ModelFactory modelFactory() {
    return factory;
  }

  /** The HTTP routes these services add to the node's API. */
  public List<RouteModule> routes() {
    return List.of(new ModelFactoryRoutes(factory));
  }

  @Override
  public void close() throws IOException {
    try {
      factory.close();
    } finally {
      datanets.close();
    }
  }
}
