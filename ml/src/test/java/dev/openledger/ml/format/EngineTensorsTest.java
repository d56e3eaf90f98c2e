package dev.openledger.ml.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.ml.lora.LoraConfig;
import dev.openledger.ml.lora.LoraParameters;
import dev.openledger.ml.model.LinearKind;
import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.model.Parameters;
import dev.openledger.ml.model.TensorNames;
import dev.openledger.ml.testing.TestModels;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTensorsTest {
  @Test
  void engineWeightsSurviveAModelDirectory(@TempDir Path dir) throws Exception {
    for (boolean tied : new boolean[] {true, false}) {
      LlamaConfig c = TestModels.tiny(ModelDirectoryTest.TOKENIZER.vocabSize(), tied);
      Parameters p = Parameters.init(c, 9);
      ModelDirectory.write(
          dir.resolve("m" + tied),
          new HfModel(c, EngineTensors.of(p), ModelDirectoryTest.TOKENIZER, 1, 2),
          DType.F32);
      HfModel back = ModelDirectory.read(dir.resolve("m" + tied));
      assertThat(EngineTensors.parameters(back.config(), back.weights()).data())
          .isEqualTo(p.data());
      // the file's [out, in] matrix is the engine's view of the same projection, element by element
      String k = TensorNames.linear(1, LinearKind.K);
      var m = p.matrix(k);
      float[] file = back.weights().get(k).data();
      assertThat(back.weights().get(k).shape()).containsExactly(m.rows(), m.cols());
      for (int i = 0; i < m.rows(); i++) {
        for (int j = 0; j < m.cols(); j++) {
          assertThat(file[i * m.cols() + j]).isEqualTo(m.get(i, j));
        }
      }
    }
  }

  @Test
  void engineAdaptersSurviveAPeftDirectory(@TempDir Path dir) throws Exception {
    LlamaConfig base = TestModels.tiny(320, true);
    LoraConfig lora =
        new LoraConfig(4, 8f, 0f, EnumSet.of(LinearKind.Q, LinearKind.V, LinearKind.UP));
    LoraParameters p = LoraParameters.fresh(base, lora, 3);
    for (int i = 0; i < p.data().length; i++) {
      p.data()[i] += i * 1e-3f; // B non-zero too
    }
    PeftAdapterDirectory.write(dir, EngineTensors.adapter(p, Optional.of("base")), base, DType.F32);
    LoraParameters back = EngineTensors.loraParameters(base, PeftAdapterDirectory.read(dir, base));
    assertThat(back.data()).isEqualTo(p.data());
    assertThat(back.config()).isEqualTo(lora);
  }

  @Test
  void refusesTensorsOfAnotherModel() {
    LlamaConfig c = TestModels.tiny(320, true);
    NamedTensors other = TestModels.randomWeights(TestModels.tiny(320, false), 1);
    assertThatThrownBy(() -> EngineTensors.parameters(c, other))
        .hasMessageContaining("lm_head.weight");
  }
}
