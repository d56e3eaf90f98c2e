package dev.openledger.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.PublicKey;
import dev.openledger.core.crypto.Signature;
import dev.openledger.core.money.Amount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;

/** Factory and shortcuts for the project's strict JSON mapper. */
public final class Json {
  private static final ObjectMapper MAPPER = newMapper();

  private Json() {}

  /**
   * The shared, thread-safe mapper. Do not reconfigure it; call {@link #newMapper()} for a variant.
   */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** A new strict mapper with the project's value types registered. */
  public static ObjectMapper newMapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .addModule(valueTypes())
            // Optional record components (e.g. a rejection's pointer to an original) as
            // value-or-null.
            .addModule(new Jdk8Module())
            .build();
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxStringLength(16 * 1024 * 1024)
                .maxNumberLength(64)
                .build());
    return mapper;
  }

  /**
   * Jackson bindings for Hash, Address, PublicKey, Signature (hex or Bech32m text) and Amount
   * (decimal text).
   */
  public static SimpleModule valueTypes() {
    SimpleModule m = new SimpleModule("openledger-values");
    bind(m, Hash.class, Hash::toHex, Hash::fromHex);
    bind(m, Address.class, Address::toString, Address::parse);
    bind(m, PublicKey.class, PublicKey::toHex, PublicKey::fromHex);
    bind(m, Signature.class, Signature::toHex, Signature::fromHex);
    bind(m, Amount.class, Amount::toPlainString, Amount::parse);
    return m;
  }

  private static <T> void bind(
      SimpleModule m, Class<T> type, Function<T, String> write, Function<String, T> read) {
    m.addSerializer(
        type,
        new JsonSerializer<T>() {
          @Override
          public void serialize(T value, JsonGenerator gen, SerializerProvider serializers)
              throws IOException {
            gen.writeString(write.apply(value));
          }
        });
    m.addDeserializer(
        type,
        new JsonDeserializer<T>() {
          @Override
          public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.currentToken().isScalarValue() || p.currentToken().isNumeric()) {
              return type.cast(ctxt.handleUnexpectedToken(type, p));
            }
            String text = p.getText();
            try {
              return read.apply(text);
            } catch (IllegalArgumentException e) {
              return type.cast(ctxt.handleWeirdStringValue(type, text, e.getMessage()));
            }
          }
        });
  }

  /** Serialises to compact JSON. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serialises to indented JSON for files and terminals. */
  public static String writePretty(Object value) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
