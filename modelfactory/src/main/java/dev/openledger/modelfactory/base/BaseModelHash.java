package dev.openledger.modelfactory.base;

import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.crypto.Hash;
import dev.openledger.ml.format.HfModel;
import dev.openledger.ml.format.Tensor;
import dev.openledger.ml.format.TokenizerJson;
import dev.openledger.ml.model.LlamaConfig;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The content hash of a base model: SHA-256 over a canonical encoding of
 *
 * <pre>
 *   "openledger/base-model/v1"
 *   architecture   dim, hidden, layers, heads, kv heads, vocab, max positions (u32), rope θ, norm ε (float bits),
 *                  tied embeddings (bool)
 *   bos, eos       u32
 *   tokenizer      SHA-256 of its tokenizer.json as {@link TokenizerJson#toJson} writes it
 *   tensor count   varint, then per tensor in name order: name, rank, each dimension, float32 bits (LE)
 * </pre>
 *
 * Like {@code PeftAdapterDirectory.contentHash}, it depends on what the model computes, not on how
 * its files were stored (an F16 file hashes as its values widened to float32).
 */
public final class BaseModelHash {
  private static final String DOMAIN = "openledger/base-model/v1";

  private BaseModelHash() {}

  public static Hash of(HfModel model) {
    MessageDigest md = Hash.newDigest();
    LlamaConfig c = model.config();
    CanonicalWriter w = new CanonicalWriter();
    w.string(DOMAIN);
    w.u32(c.dim())
        .u32(c.hiddenDim())
        .u32(c.nLayers())
        .u32(c.nHeads())
        .u32(c.nKvHeads())
        .u32(c.vocabSize())
        .u32(c.maxSeqLen())
        .u32(bits(c.ropeTheta()))
        .u32(bits(c.normEps()))
        .bool(c.tiedEmbeddings());
    w.u32(model.bosTokenId()).u32(model.eosTokenId());
    w.hash(Hash.sha256(TokenizerJson.toJson(model.tokenizer()).getBytes(StandardCharsets.UTF_8)));
    w.varint(model.weights().size());
    md.update(w.toByteArray());
    ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    for (Tensor t : model.weights()) {
      CanonicalWriter h = new CanonicalWriter().string(t.name()).varint(t.rank());
      for (int d : t.shape()) {
        h.varint(d);
      }
      md.update(h.toByteArray());
      float[] data = t.data();
      for (int i = 0; i < data.length; ) {
        buf.clear();
        int n = Math.min(data.length - i, buf.capacity() / 4);
        for (int j = 0; j < n; j++) {
          buf.putInt(Float.floatToIntBits(data[i + j]));
        }
        buf.flip();
        md.update(buf);
        i += n;
      }
    }
    return Hash.of(md);
  }

  private static long bits(float f) {
    return Integer.toUnsignedLong(Float.floatToIntBits(f));
  }
}
