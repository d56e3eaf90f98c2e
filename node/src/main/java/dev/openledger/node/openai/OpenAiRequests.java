package dev.openledger.node.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.ml.tokenizer.ChatMessage;
import dev.openledger.openlora.service.Prompt;
import dev.openledger.openlora.service.Sampling;
import dev.openledger.openlora.service.ServeError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads OpenAI request bodies. Supported parameters are checked for type; parameters OpenAI defines
 * but this server does not implement are accepted only at their neutral value ({@code n: 1},
 * penalties 0, no logprobs, no echo, text responses); anything else is refused as OpenAI refuses
 * it: "Unrecognized request argument".
 */
final class OpenAiRequests {
  private static final Set<String> COMMON =
      Set.of(
          "model",
          "max_tokens",
          "temperature",
          "top_p",
          "n",
          "stream",
          "stream_options",
          "stop",
          "seed",
          "user",
          "frequency_penalty",
          "presence_penalty",
          "logit_bias",
          "logprobs",
          "metadata",
          "store",
          "service_tier");
  private static final Set<String> COMPLETION_ONLY = Set.of("prompt", "echo", "best_of", "suffix");
  private static final Set<String> CHAT_ONLY =
      Set.of(
          "messages",
          "max_completion_tokens",
          "top_logprobs",
          "response_format",
          "parallel_tool_calls");

  private OpenAiRequests() {}

  /** Thrown while reading a body; carries the error to answer with. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;
    final transient ServeError error;

    Invalid(ServeError error) {
      super(error.message(), null, false, false);
      this.error = error;
    }
  }

  static ParsedCall completion(JsonNode body) throws Invalid {
    checkFields(body, COMPLETION_ONLY);
    if (body.has("echo") && !body.get("echo").isNull() && body.get("echo").asBoolean(true)) {
      throw unsupported("echo", "echo is not supported");
    }
    if (body.has("best_of")
        && !body.get("best_of").isNull()
        && !(body.get("best_of").isIntegralNumber() && body.get("best_of").asInt() == 1)) {
      throw unsupported("best_of", "best_of must be 1");
    }
    if (body.has("suffix") && !body.get("suffix").isNull()) {
      throw unsupported("suffix", "suffix is not supported");
    }
    if (body.has("logprobs")
        && !body.get("logprobs").isNull()
        && !(body.get("logprobs").isIntegralNumber() && body.get("logprobs").asInt() == 0)) {
      throw unsupported("logprobs", "logprobs are not supported");
    }
    return common(body, prompt(body), intField(body, "max_tokens"));
  }

  static ParsedCall chat(JsonNode body) throws Invalid {
    checkFields(body, CHAT_ONLY);
    if (body.has("logprobs")
        && !body.get("logprobs").isNull()
        && body.get("logprobs").asBoolean(true)) {
      throw unsupported("logprobs", "logprobs are not supported");
    }
    if (body.has("top_logprobs") && !body.get("top_logprobs").isNull()) {
      throw unsupported("top_logprobs", "top_logprobs are not supported");
    }
    JsonNode rf = body.get("response_format");
    if (rf != null && !rf.isNull() && !(rf.isObject() && "text".equals(rf.path("type").asText()))) {
      throw unsupported(
          "response_format", "only response_format {\"type\": \"text\"} is supported");
    }
    OptionalInt max = intField(body, "max_completion_tokens");
    if (max.isEmpty()) {
      max = intField(body, "max_tokens");
    }
    return common(body, messages(body), max);
  }

  private static void checkFields(JsonNode body, Set<String> own) throws Invalid {
    if (!body.isObject()) {
      throw new Invalid(
          ServeError.of(
              ServeError.Kind.INVALID_REQUEST, "The request body must be a JSON object."));
    }
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!COMMON.contains(f) && !own.contains(f)) {
        throw new Invalid(ServeError.invalid(f, "Unrecognized request argument supplied: " + f));
      }
    }
  }

  private static ParsedCall common(JsonNode body, Prompt prompt, OptionalInt maxTokens)
      throws Invalid {
    JsonNode model = body.get("model");
    if (model == null || model.isNull()) {
      throw new Invalid(ServeError.invalid("model", "you must provide a model parameter"));
    }
    if (!model.isTextual()) {
      throw typeError("model", "a string");
    }
    OptionalInt n = intField(body, "n");
    if (n.isPresent() && n.getAsInt() != 1) {
      throw unsupported("n", "only n = 1 is supported");
    }
    for (String penalty : new String[] {"frequency_penalty", "presence_penalty"}) {
      Optional<Double> p = number(body, penalty);
      if (p.isPresent() && p.get() != 0) {
        throw unsupported(penalty, penalty + " is not supported (must be 0)");
      }
    }
    JsonNode bias = body.get("logit_bias");
    if (bias != null && !bias.isNull() && !(bias.isObject() && bias.isEmpty())) {
      throw unsupported("logit_bias", "logit_bias is not supported");
    }
    boolean stream = bool(body, "stream");
    boolean includeUsage = false;
    JsonNode so = body.get("stream_options");
    if (so != null && !so.isNull()) {
      if (!so.isObject()) {
        throw typeError("stream_options", "an object");
      }
      includeUsage = bool(so, "include_usage");
    }
    OptionalLong seed = OptionalLong.empty();
    JsonNode s = body.get("seed");
    if (s != null && !s.isNull()) {
      if (!s.isIntegralNumber() || !s.canConvertToLong()) {
        throw typeError("seed", "an integer");
      }
      seed = OptionalLong.of(s.asLong());
    }
    Sampling sampling =
        new Sampling(
            maxTokens, number(body, "temperature"), number(body, "top_p"), stops(body), seed);
    return new ParsedCall(model.asText(), prompt, sampling, stream, includeUsage);
  }

  private static Prompt prompt(JsonNode body) throws Invalid {
    JsonNode p = body.get("prompt");
    if (p == null || p.isNull()) {
      throw new Invalid(ServeError.invalid("prompt", "you must provide a prompt"));
    }
    if (p.isTextual()) {
      return new Prompt.Text(p.asText());
    }
    if (!p.isArray() || p.isEmpty()) {
      throw typeError("prompt", "a string, an array of one string, or an array of token ids");
    }
    if (p.get(0).isIntegralNumber()) {
      return new Prompt.Tokens(tokens(p));
    }
    if (p.size() > 1) {
      throw unsupported("prompt", "only one prompt per request is supported (n = 1)");
    }
    JsonNode only = p.get(0);
    if (only.isTextual()) {
      return new Prompt.Text(only.asText());
    }
    if (only.isArray() && !only.isEmpty()) {
      return new Prompt.Tokens(tokens(only));
    }
    throw typeError("prompt", "a string, an array of one string, or an array of token ids");
  }

  private static int[] tokens(JsonNode arr) throws Invalid {
    int[] ids = new int[arr.size()];
    for (int i = 0; i < ids.length; i++) {
      JsonNode t = arr.get(i);
      if (!t.isIntegralNumber() || !t.canConvertToInt()) {
        throw typeError("prompt", "token ids (integers)");
      }
      ids[i] = t.asInt();
    }
    return ids;
  }

  private static Prompt messages(JsonNode body) throws Invalid {
    JsonNode ms = body.get("messages");
    if (ms == null || ms.isNull()) {
      throw new Invalid(ServeError.invalid("messages", "you must provide messages"));
    }
    if (!ms.isArray() || ms.isEmpty()) {
      throw new Invalid(ServeError.invalid("messages", "messages must be a non-empty array"));
    }
    List<ChatMessage> out = new ArrayList<>();
    for (int i = 0; i < ms.size(); i++) {
      JsonNode m = ms.get(i);
      String where = "messages[" + i + "]";
      if (!m.isObject() || !m.path("role").isTextual()) {
        throw new Invalid(
            ServeError.invalid(where, where + " must be an object with a string role"));
      }
      String role = m.get("role").asText();
      ChatMessage.Role r;
      try {
        r = ChatMessage.Role.parse("developer".equals(role) ? "system" : role);
      } catch (IllegalArgumentException e) {
        throw new Invalid(
            ServeError.invalid(
                where + ".role",
                "'" + role + "' is not a supported role (system, developer, user, assistant)"));
      }
      out.add(new ChatMessage(r, content(m.get("content"), where + ".content")));
    }
    return new Prompt.Chat(out);
  }

  /** A string, or an array of {@code {"type": "text", "text": ...}} parts (joined). */
  private static String content(JsonNode c, String where) throws Invalid {
    if (c != null && c.isTextual()) {
      return c.asText();
    }
    if (c != null && c.isArray()) {
      StringBuilder sb = new StringBuilder();
      for (JsonNode part : c) {
        if (!part.isObject()
            || !"text".equals(part.path("type").asText())
            || !part.path("text").isTextual()) {
          throw new Invalid(
              ServeError.invalid(where, where + ": only text content parts are supported"));
        }
        sb.append(part.get("text").asText());
      }
      return sb.toString();
    }
    throw new Invalid(
        ServeError.invalid(where, where + " must be a string or an array of text parts"));
  }

  private static List<String> stops(JsonNode body) throws Invalid {
    JsonNode s = body.get("stop");
    if (s == null || s.isNull()) {
      return List.of();
    }
    if (s.isTextual()) {
      return List.of(s.asText());
    }
    if (s.isArray()) {
      List<String> out = new ArrayList<>();
      for (JsonNode x : s) {
        if (!x.isTextual()) {
          throw typeError("stop", "a string or an array of strings");
        }
        out.add(x.asText());
      }
      return out;
    }
    throw typeError("stop", "a string or an array of strings");
  }

  private static OptionalInt intField(JsonNode body, String name) throws Invalid {
    JsonNode v = body.get(name);
    if (v == null || v.isNull()) {
      return OptionalInt.empty();
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw typeError(name, "an integer");
    }
    return OptionalInt.of(v.asInt());
  }

  private static Optional<Double> number(JsonNode body, String name) throws Invalid {
    JsonNode v = body.get(name);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isNumber()) {
      throw typeError(name, "a number");
    }
    return Optional.of(v.asDouble());
  }

  private static boolean bool(JsonNode body, String name) throws Invalid {
    JsonNode v = body.get(name);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw typeError(name, "a boolean");
    }
    return v.asBoolean();
  }

  private static Invalid typeError(String param, String expected) {
    return new Invalid(
        ServeError.invalid(param, "Invalid type for '" + param + "': expected " + expected + "."));
  }

  private static Invalid unsupported(String param, String message) {
    return new Invalid(ServeError.invalid(param, message));
  }

  /** The OpenAI error object for {@code e}. */
  static Map<String, Object> errorBody(ServeError e) {
    Map<String, Object> inner = new java.util.LinkedHashMap<>();
    inner.put("message", e.message());
    inner.put("type", e.kind().type());
    inner.put("param", e.param().orElse(null));
    inner.put("code", e.kind().code());
    return Map.of("error", inner);
  }
}
