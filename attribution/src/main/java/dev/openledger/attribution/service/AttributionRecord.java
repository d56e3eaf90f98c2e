package dev.openledger.attribution.service;

import dev.openledger.attribution.AttributionResult;
import dev.openledger.attribution.score.QueryGradient;
import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * What the serving node keeps of one attributed inference: the inputs needed to recompute it and
 * the result. The query gradient is kept as computed, because its last bits depend on the machine's
 * vector width (ml's kernels are bit-exact on one machine only); {@code verify} recomputes it to
 * check it, then recomputes the attribution from the recorded vector, which is bit-exact anywhere.
 *
 * @param inference the request's tokens, model and adapter
 * @param promptText the prompt as text (for people)
 * @param responseText the response as text (for people)
 * @param queryGradient the query gradient as computed when the request was served
 * @param result the attribution
 * @param timings how long it took (not part of any hash)
 */
public record AttributionRecord(
    Inference inference,
    String promptText,
    String responseText,
    QueryGradient queryGradient,
    AttributionResult result,
    Timings timings) {
  /** Format tag at the start of the encoding. */
  public static final String FORMAT = "openledger/attribution-record/v1";

  private static final int MAX_TEXT = 1 << 20;
  private static final int MAX_TOKENS = 1 << 20;

  public AttributionRecord {
    Objects.requireNonNull(inference, "inference");
    Objects.requireNonNull(promptText, "promptText");
    Objects.requireNonNull(responseText, "responseText");
    Objects.requireNonNull(queryGradient, "queryGradient");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(timings, "timings");
    if (!result.inputs().request().equals(inference.hash())) {
      throw new IllegalArgumentException("the result was computed for another request");
    }
    if (!result.inputs().queryGradient().equals(queryGradient.hash())) {
      throw new IllegalArgumentException("the result was computed from another query gradient");
    }
  }

  /**
   * Wall-clock cost of the attribution on the serving node, in microseconds.
   *
   * @param queryGradientMicros the query's forward and backward pass
   * @param attributeMicros scoring, spans and shares
   * @param prepareMicros loading the model and building or opening its span index (0 when it was
   *     cached)
   */
  public record Timings(long queryGradientMicros, long attributeMicros, long prepareMicros) {
    public Timings {
      if (queryGradientMicros < 0 || attributeMicros < 0 || prepareMicros < 0) {
        throw new IllegalArgumentException("timings must be >= 0");
      }
    }
  }

  /** The result hash the chain records. */
  public Hash resultHash() {
    return result.hash();
  }

  /**
   * Canonical encoding: format, inference, texts, query gradient (float32 bits), result, timings.
   */
  public byte[] encode() {
    Inference i = inference;
    CanonicalWriter w = new CanonicalWriter(4096);
    w.string(FORMAT).string(i.requestId()).string(i.model()).hash(i.adapterHash());
    Inference.tokens(w, i.promptTokens());
    Inference.tokens(w, i.responseTokens());
    w.string(promptText).string(responseText);
    w.varint(queryGradient.count()).varint(queryGradient.dim());
    for (int c = 0; c < queryGradient.count(); c++) {
      float[] v = queryGradient.at(c);
      ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(v);
      w.raw(b.array());
    }
    w.bytes(result.encode());
    w.varint(timings.queryGradientMicros())
        .varint(timings.attributeMicros())
        .varint(timings.prepareMicros());
    return w.toByteArray();
  }

  /**
   * Reads {@link #encode()}'s output.
   *
   * @throws DecodeException if the bytes are not a record
   */
  public static AttributionRecord decode(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    String format = r.string("format", 64);
    if (!format.equals(FORMAT)) {
      throw new DecodeException("not an attribution record (format '" + format + "')");
    }
    String requestId = r.string("requestId", 1024);
    String model = r.string("model", 1024);
    Hash adapter = r.hash("adapterHash");
    int[] prompt = tokens(r, "promptTokens");
    int[] response = tokens(r, "responseTokens");
    String promptText = r.string("promptText", MAX_TEXT);
    String responseText = r.string("responseText", MAX_TEXT);
    int count = (int) r.varint("gradient count", 64);
    int dim = (int) r.varint("gradient dim", 1 << 28);
    java.util.List<float[]> vectors = new java.util.ArrayList<>(count);
    for (int c = 0; c < count; c++) {
      ByteBuffer b =
          ByteBuffer.wrap(r.raw("gradient", Math.multiplyExact(4, dim)))
              .order(ByteOrder.LITTLE_ENDIAN);
      float[] v = new float[dim];
      b.asFloatBuffer().get(v);
      vectors.add(v);
    }
    AttributionResult result = AttributionResult.decode(r.bytes("result", 1 << 26));
    Timings t =
        new Timings(
            r.varint("queryGradientMicros"),
            r.varint("attributeMicros"),
            r.varint("prepareMicros"));
    r.finish();
    try {
      return new AttributionRecord(
          new Inference(requestId, model, adapter, prompt, response),
          promptText,
          responseText,
          new QueryGradient(vectors),
          result,
          t);
    } catch (IllegalArgumentException e) {
      throw new DecodeException("attribution record: " + e.getMessage());
    }
  }

  private static int[] tokens(CanonicalReader r, String field) throws DecodeException {
    int n = (int) r.varint(field, MAX_TOKENS);
    int[] out = new int[n];
    for (int k = 0; k < n; k++) {
      out[k] = (int) r.varint(field, Integer.MAX_VALUE);
    }
    return out;
  }
}
