package dev.openledger.ml.generate;

import dev.openledger.ml.tensor.Mat;
import dev.openledger.ml.tensor.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * The generation loop over a {@link Decoder}: prefill every prompt in one step, then one token per
 * live sequence per step until each stops. Requests in one call are decoded as one batch whatever
 * their adapters.
 */
public final class Generator {
  private final Decoder decoder;

  public Generator(Decoder decoder) {
    this.decoder = decoder;
  }

  /**
   * One completion request: a prompt (at least one token), the adapter (null for base) and
   * settings.
   */
  public record Request(int[] prompt, ServingAdapter adapter, GenerationConfig config) {
    public Request {
      if (prompt.length == 0) {
        throw new IllegalArgumentException("a prompt needs at least one token (e.g. BOS)");
      }
    }
  }

  /** Receives each token as it is produced: the request's index and the token. */
  @FunctionalInterface
  public interface TokenListener {
    void onToken(int request, int token);
  }

  /** Completes one request. */
  public Completion generate(Request request) {
    return generate(List.of(request), (r, t) -> {}).get(0);
  }

  /** Completes every request, batched; completions come back in request order. */
  public List<Completion> generate(List<Request> requests, TokenListener listener) {
    int n = requests.size();
    List<Decoder.Sequence> seqs = new ArrayList<>(n);
    List<List<Integer>> out = new ArrayList<>(n);
    Completion.StopReason[] reason = new Completion.StopReason[n];
    Rng[] rngs = new Rng[n];
    List<Decoder.Feed> feeds = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Request r = requests.get(i);
      Decoder.Sequence s = decoder.start(r.adapter());
      if (r.prompt().length > s.remaining()) {
        throw new IllegalArgumentException(
            "prompt of "
                + r.prompt().length
                + " tokens exceeds the context of "
                + decoder.config().maxSeqLen());
      }
      seqs.add(s);
      out.add(new ArrayList<>());
      rngs[i] = new Rng(r.config().seed());
      if (r.config().maxTokens() == 0) {
        reason[i] = Completion.StopReason.MAX_TOKENS;
      } else {
        feeds.add(new Decoder.Feed(s, r.prompt()));
      }
    }
    List<Integer> live = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (reason[i] == null) {
        live.add(i);
      }
    }
    while (!live.isEmpty()) {
      Mat logits = decoder.step(feeds);
      List<Integer> next = new ArrayList<>();
      feeds = new ArrayList<>();
      for (int j = 0; j < live.size(); j++) {
        int i = live.get(j);
        GenerationConfig cfg = requests.get(i).config();
        int token = cfg.sampler().sample(logits.row(j).toArray(), rngs[i]);
        if (cfg.stopTokens().contains(token)) {
          reason[i] = Completion.StopReason.STOP_TOKEN;
          continue;
        }
        out.get(i).add(token);
        listener.onToken(i, token);
        if (out.get(i).size() >= cfg.maxTokens()) {
          reason[i] = Completion.StopReason.MAX_TOKENS;
        } else if (seqs.get(i).remaining() == 0) {
          reason[i] = Completion.StopReason.CONTEXT_FULL;
        } else {
          next.add(i);
          feeds.add(new Decoder.Feed(seqs.get(i), new int[] {token}));
        }
      }
      live = next;
    }
    List<Completion> result = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      result.add(
          new Completion(out.get(i).stream().mapToInt(Integer::intValue).toArray(), reason[i]));
    }
    return result;
  }
}
