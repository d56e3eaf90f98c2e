package dev.openledger.node;

import dev.openledger.datanet.DatanetService;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.modelfactory.ModelFactory;
import dev.openledger.modelfactory.ModelFactoryConfig;
import dev.openledger.modelfactory.access.AccessPolicy;
import dev.openledger.modelfactory.run.RunSettings;
import dev.openledger.node.api.ModelFactoryRoutes;
import dev.openledger.node.api.RouteModule;
import dev.openledger.node.home.NodeHome;
import java.io.IOException;
import java.time.Clock;
import java.util.List;

/**
 * The node's fine-tuning service: ModelFactory over the node's datanet store, with its worker
 * running in the background and datanet access decided by the chain. Closing stops the worker (a
 * running job checkpoints and resumes on the next start) and closes ModelFactory's store; the
 * datanet store belongs to the caller.
 */
public final class ModelServices implements AutoCloseable {
  private final ModelFactory factory;

  private ModelServices(ModelFactory factory) {
    this.factory = factory;
  }

  /**
   * Opens ModelFactory in {@code home}'s data directory over {@code datanets} and starts its
   * worker.
   */
  public static ModelServices start(NodeHome home, DatanetService datanets, AccessPolicy access)
      throws IOException {
    ModelFactory factory =
        ModelFactory.open(
            new ModelFactoryConfig(
                home.modelFactoryDir(), Kernels.best(), RunSettings.defaults(), Clock.systemUTC()),
            datanets,
            access);
    factory.startWorker();
    return new ModelServices(factory);
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
    factory.close();
  }
}
