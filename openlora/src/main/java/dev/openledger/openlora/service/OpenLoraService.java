package dev.openledger.openlora.service;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ml.generate.Sampler;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.ml.tensor.VectorKernels;
import dev.openledger.ml.tokenizer.ChatTemplate;
import dev.openledger.openlora.chain.ApiKeyDirectory;
import dev.openledger.openlora.chain.ModelListing;
import dev.openledger.openlora.engine.EngineRequest;
import dev.openledger.openlora.engine.RequestHandle;
import dev.openledger.openlora.engine.ServingEngine;
import dev.openledger.openlora.metering.EscrowMeter;
import dev.openledger.openlora.metering.Reservation;
import dev.openledger.openlora.metrics.ServingMetrics;
import dev.openledger.openlora.store.AdapterStore;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * OpenLoRA for one provider: approved models over one base, the engine, the adapter store and the
 * meter. {@link #submit} refuses a call with a {@link ServeError} before any work, or accepts it
 * and reports its text and end to the call's listener.
 */
public final class OpenLoraService implements AutoCloseable {
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final BaseModel base;
  private final OnChain chain;
  private final ServeConfig config;
  private final ServingMetrics metrics;
  private final AdapterStore store;
  private final ServingEngine engine;
  private final EscrowMeter meter;
  private final Optional<ChatTemplate> chat;
  private final SecureRandom random = new SecureRandom();
  private final List<UsageListener> usageListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private OpenLoraService(
      BaseModel base, OnChain chain, KeyPair provider, ServeConfig config, Kernels kernels) {
    this.base = base;
    this.chain = chain;
    this.config = config;
    this.metrics = new ServingMetrics();
    this.store =
        new AdapterStore(base.config(), config.cacheBytes(), config.loaderThreads(), metrics);
    this.engine = new ServingEngine(base.weights(), kernels, store, config.limits(), metrics);
    this.meter = new EscrowMeter(chain.escrows(), provider);
    this.chat = base.chatTemplate();
  }

  /** Starts serving on the shared vector kernels. */
  public static OpenLoraService start(
      BaseModel base, OnChain chain, KeyPair provider, ServeConfig config) {
    return start(base, chain, provider, config, VectorKernels.shared());
  }

  /**
   * Starts serving on {@code kernels}; a prompt limit beyond the context is lowered to leave room
   * for one token.
   */
  public static OpenLoraService start(
      BaseModel base, OnChain chain, KeyPair provider, ServeConfig config, Kernels kernels) {
    ServeConfig c =
        config.maxPromptTokens() >= base.config().maxSeqLen()
            ? config.withMaxPromptTokens(base.config().maxSeqLen() - 1)
            : config;
    return new OpenLoraService(base, chain, provider, c, kernels);
  }

  public BaseModel base() {
    return base;
  }

  public ServeConfig config() {
    return config;
  }

  /** The provider's account: the payee of every receipt. */
  public Address provider() {
    return meter.provider();
  }

  /** Approved models on this provider's base, by name. */
  public List<ModelListing> models() {
    return chain.registry().all().stream().filter(m -> m.baseModel().equals(base.id())).toList();
  }

  /** The approved model {@code name} on this base. */
  public Optional<ModelListing> model(String name) {
    return chain.registry().lookup(name).filter(m -> m.baseModel().equals(base.id()));
  }

  /** The account an {@code Authorization} header's bearer key is bound to. */
  public ServeResult<Address> authenticate(Optional<String> authorization) {
    if (authorization.isEmpty() || authorization.get().isBlank()) {
      return ServeResult.refused(
          ServeError.of(
              ServeError.Kind.MISSING_API_KEY,
              "You didn't provide an API key. Send it as 'Authorization: Bearer YOUR_KEY'."));
    }
    String h = authorization.get().trim();
    if (!h.regionMatches(true, 0, "Bearer ", 0, 7) || h.substring(7).isBlank()) {
      return ServeResult.refused(
          ServeError.of(
              ServeError.Kind.MISSING_API_KEY,
              "The Authorization header must be 'Bearer YOUR_KEY'."));
    }
    String key = h.substring(7).trim();
    Optional<Address> account = chain.keys().account(ApiKeyDirectory.hashOf(key));
    return account
        .<ServeResult<Address>>map(ServeResult::ok)
        .orElseGet(
            () ->
                ServeResult.refused(
                    ServeError.of(
                        ServeError.Kind.INVALID_API_KEY,
                        "Incorrect API key provided: "
                            + redact(key)
                            + ". The key is not bound to any account.")));
  }

  private static String redact(String key) {
    return key.length() <= 8
        ? "****"
        : key.substring(0, 4) + "****" + key.substring(key.length() - 4);
  }

  /**
   * Checks, prices and queues {@code call}, or refuses it before any work. On acceptance the call's
   * listener receives its text and exactly one end.
   */
  public ServeResult<Ticket> submit(Call call) {
    Optional<ModelListing> found = model(call.model());
    if (found.isEmpty()) {
      return refuse(
          new ServeError(
              ServeError.Kind.MODEL_NOT_FOUND,
              "The model '"
                  + call.model()
                  + "' does not exist or is not served here. GET /v1/models lists the models served.",
              Optional.of("model")));
    }
    ModelListing listing = found.get();
    Optional<ServeError> bad = call.sampling().check();
    if (bad.isPresent()) {
      return refuse(bad.get());
    }
    ServeResult<int[]> encoded = encode(call.prompt());
    if (encoded instanceof ServeResult.Refused<int[]> r) {
      return refuse(r.error());
    }
    int[] prompt = ((ServeResult.Ok<int[]>) encoded).value();
    int context = engine.maxSeqLen();
    if (prompt.length > config.maxPromptTokens()) {
      return refuse(
          new ServeError(
              ServeError.Kind.PROMPT_TOO_LONG,
              "The prompt is "
                  + prompt.length
                  + " tokens; this server accepts at most "
                  + config.maxPromptTokens()
                  + ".",
              Optional.of(call.prompt() instanceof Prompt.Chat ? "messages" : "prompt")));
    }
    int room = context - prompt.length;
    int maxTokens;
    if (call.sampling().maxTokens().isPresent()) {
      maxTokens = call.sampling().maxTokens().getAsInt();
      if (maxTokens > config.maxTokens()) {
        return refuse(
            ServeError.invalid(
                "max_tokens",
                "max_tokens is "
                    + maxTokens
                    + "; this server allows at most "
                    + config.maxTokens()
                    + "."));
      }
      if (maxTokens > room) {
        return refuse(
            new ServeError(
                ServeError.Kind.CONTEXT_LENGTH_EXCEEDED,
                "This model's maximum context length is "
                    + context
                    + " tokens. However, you requested "
                    + (prompt.length + maxTokens)
                    + " tokens ("
                    + prompt.length
                    + " in the prompt, "
                    + maxTokens
                    + " in the completion). Please reduce the prompt or max_tokens.",
                Optional.of("max_tokens")));
      }
    } else {
      maxTokens = Math.min(config.maxTokens(), room);
    }
    return queue(call, listing, prompt, maxTokens);
  }

  private ServeResult<Ticket> queue(Call call, ModelListing listing, int[] prompt, int maxTokens) {
    String id = (call.prompt() instanceof Prompt.Chat ? "chatcmpl-" : "cmpl-") + randomId();
    Amount maxCost;
    try {
      maxCost = listing.pricePerToken().times((long) prompt.length + maxTokens);
    } catch (ArithmeticException e) {
      return refuse(
          ServeError.of(
              ServeError.Kind.INSUFFICIENT_FUNDS,
              "the price of this request overflows; lower max_tokens"));
    }
    Result<Reservation> reserved = meter.reserve(call.caller(), id, maxCost);
    if (reserved instanceof Result.Err<Reservation> e) {
      return refuse(ServeError.of(ServeError.Kind.INSUFFICIENT_FUNDS, e.message()));
    }
    Reservation reservation = reserved.orElseThrow();
    Set<Integer> stops = new HashSet<>();
    stops.add(base.eosTokenId());
    if (call.prompt() instanceof Prompt.Chat) {
      chat.ifPresent(t -> stops.add(t.endOfTurnId()));
    }
    Sampling s = call.sampling();
    Sampler sampler =
        Sampler.of(s.temperature().orElse(1.0).floatValue(), s.topP().orElse(1.0).floatValue());
    long seed = s.seed().isPresent() ? s.seed().getAsLong() : random.nextLong();
    long deadline = System.nanoTime() + config.requestTimeout().toNanos();
    CallSink sink =
        new CallSink(
            base.tokenizer(),
            s.stop(),
            call.listener(),
            meter,
            reservation,
            listing,
            prompt,
            usageListeners);
    EngineRequest request =
        new EngineRequest(id, listing, prompt, maxTokens, sampler, seed, stops, deadline, sink);
    Result<RequestHandle> accepted = engine.submit(request);
    if (accepted instanceof Result.Err<RequestHandle> e) {
      meter.release(reservation);
      ServeError.Kind kind =
          switch (e.code()) {
            case "queue_full" -> ServeError.Kind.QUEUE_FULL;
            case "context_length_exceeded" -> ServeError.Kind.CONTEXT_LENGTH_EXCEEDED;
            default -> ServeError.Kind.MODEL_UNAVAILABLE;
          };
      return refuse(ServeError.of(kind, e.message()));
    }
    return ServeResult.ok(
        new Ticket(
            id, Instant.now().getEpochSecond(), prompt.length, maxTokens, accepted.orElseThrow()));
  }

  /**
   * Prompt token ids: BOS, then the text (special-token strings in it stay plain text), tokens or
   * chat.
   */
  private ServeResult<int[]> encode(Prompt p) {
    int[] body;
    if (p instanceof Prompt.Text t) {
      body = base.tokenizer().encodeOrdinary(t.text());
    } else if (p instanceof Prompt.Tokens t) {
      body = t.ids();
      for (int id : body) {
        if (id < 0 || id >= base.config().vocabSize()) {
          return ServeResult.refused(
              ServeError.invalid(
                  "prompt",
                  "token id " + id + " is outside the vocabulary of " + base.config().vocabSize()));
        }
      }
    } else {
      Prompt.Chat c = (Prompt.Chat) p;
      if (chat.isEmpty()) {
        return ServeResult.refused(
            ServeError.invalid(
                "messages",
                "the base model " + base.id() + " has no chat template; use /v1/completions"));
      }
      body = chat.get().encode(c.messages(), true);
    }
    int[] ids = new int[body.length + 1];
    ids[0] = base.bosTokenId();
    System.arraycopy(body, 0, ids, 1, body.length);
    return ServeResult.ok(ids);
  }

  private String randomId() {
    StringBuilder sb = new StringBuilder(24);
    for (int i = 0; i < 24; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  private static <T> ServeResult<T> refuse(ServeError e) {
    return ServeResult.refused(e);
  }

  /**
   * Adds a listener that hears of every charged call with its tokens (see {@link UsageListener}).
   */
  public void addUsageListener(UsageListener l) {
    usageListeners.add(l);
  }

  public EscrowMeter meter() {
    return meter;
  }

  public ServingMetrics metrics() {
    return metrics;
  }

  public AdapterStore store() {
    return store;
  }

  public ServingEngine engine() {
    return engine;
  }

  /** Everything in Prometheus text format, for {@code GET /metrics}. */
  public String metricsText() {
    return metrics.prometheus();
  }

  @Override
  public void close() {
    engine.close();
    store.close();
  }
}
