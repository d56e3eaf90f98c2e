package dev.openledger.modelfactory.poa;

import dev.openledger.attribution.service.AttributedModel;
import dev.openledger.ml.format.EngineTensors;
import dev.openledger.ml.model.Parameters;
import dev.openledger.ml.nn.CrossEntropy;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.ml.train.Example;
import dev.openledger.ml.train.ExampleBatches;
import dev.openledger.ml.transformer.Activations;
import dev.openledger.ml.transformer.Batch;
import dev.openledger.ml.transformer.Transformer;
import java.util.List;

/**
 * The output function the gradient track attributes: a query's mean token NLL of the response given
 * the prompt, under a model's base and adapter (no dropout). Used for the LDS's measured outputs.
 */
final class QueryLoss {
  private QueryLoss() {}

  /**
   * Mean response-token loss of each query, one forward pass per query (in order, deterministic).
   */
  static double[] of(AttributedModel m, List<EvalQuery> queries, Kernels kernels) {
    Transformer model = new Transformer(m.base().config(), kernels);
    Parameters base = EngineTensors.parameters(m.base().config(), m.base().weights());
    Transformer.AdapterRun run = Transformer.AdapterRun.eval(m.adapter());
    double[] out = new double[queries.size()];
    for (int q = 0; q < queries.size(); q++) {
      EvalQuery query = queries.get(q);
      Example e = Example.promptResponse(query.prompt(), query.response());
      int seqLen = e.tokens().length - 1;
      Batch batch = ExampleBatches.pack(new Example[] {e}, seqLen, 0);
      Activations a = new Activations(base.config(), 1, seqLen, m.adapter().config(), false);
      model.forward(base, batch, a, run);
      float[] losses = a.losses();
      int[] targets = batch.targets();
      double sum = 0;
      int n = 0;
      for (int i = 0; i < targets.length; i++) {
        if (targets[i] != CrossEntropy.IGNORE) {
          sum += losses[i];
          n++;
        }
      }
      out[q] = sum / n;
    }
    return out;
  }
}
