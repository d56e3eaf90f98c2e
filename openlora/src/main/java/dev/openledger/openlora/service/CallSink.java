package dev.openledger.openlora.service;

import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.ml.tokenizer.BpeTokenizer;
import dev.openledger.ml.tokenizer.StreamingDecoder;
import dev.openledger.openlora.chain.ModelListing;
import dev.openledger.openlora.engine.EngineResult;
import dev.openledger.openlora.engine.FinishReason;
import dev.openledger.openlora.engine.TokenSink;
import dev.openledger.openlora.metering.EscrowMeter;
import dev.openledger.openlora.metering.Reservation;
import dev.openledger.openlora.metering.Usage;
import java.util.List;
import java.util.Optional;

/**
 * Turns one request's tokens into text for its listener (UTF-8 completed across tokens, cut at stop
 * strings) and settles its reservation when it ends: charged for the tokens used if it was admitted
 * and ended normally or was cancelled by the caller, released otherwise; a charge is reported with
 * the call's tokens to the usage listeners. Runs on the decode thread.
 */
final class CallSink implements TokenSink {
  private final StreamingDecoder decoder;
  private final StopText stop;
  private final CallListener listener;
  private final EscrowMeter meter;
  private final Reservation reservation;
  private final ModelListing model;
  private final int[] prompt;
  private final List<UsageListener> usage;
  private int[] generated = new int[16];
  private int count;

  CallSink(
      BpeTokenizer tokenizer,
      List<String> stops,
      CallListener listener,
      EscrowMeter meter,
      Reservation reservation,
      ModelListing model,
      int[] prompt,
      List<UsageListener> usage) {
    this.decoder = new StreamingDecoder(tokenizer, true);
    this.stop = new StopText(stops);
    this.listener = listener;
    this.meter = meter;
    this.reservation = reservation;
    this.model = model;
    this.prompt = prompt;
    this.usage = usage;
  }

  @Override
  public boolean onToken(int token) {
    if (count == generated.length) {
      generated = java.util.Arrays.copyOf(generated, 2 * count);
    }
    generated[count++] = token;
    emit(stop.push(decoder.push(token)));
    return !stop.matched();
  }

  private void emit(String text) {
    if (!text.isEmpty()) {
      listener.onText(text);
    }
  }

  @Override
  public void onFinish(EngineResult r) {
    boolean charged =
        r.admitted()
            && (r.reason() == FinishReason.STOP
                || r.reason() == FinishReason.LENGTH
                || r.reason() == FinishReason.CANCELLED);
    Optional<SignedReceipt> receipt = Optional.empty();
    if (charged) {
      receipt =
          Optional.of(
              meter.charge(
                  reservation,
                  new Usage(
                      model.name(),
                      model.adapterHash(),
                      model.pricePerToken(),
                      r.promptTokens(),
                      r.completionTokens())));
      if (!usage.isEmpty()) {
        ChargedCall call =
            new ChargedCall(
                receipt.get(),
                prompt,
                java.util.Arrays.copyOf(generated, Math.min(count, r.completionTokens())));
        usage.forEach(l -> l.onCharged(call));
      }
    } else {
      meter.release(reservation);
    }
    switch (r.reason()) {
      case STOP, LENGTH -> {
        emit(stop.push(decoder.flush()));
        emit(stop.finish());
        listener.onFinish(
            new CallResult(
                r.reason() == FinishReason.STOP ? "stop" : "length",
                r.promptTokens(),
                r.completionTokens(),
                receipt.orElseThrow()));
      }
      case CANCELLED ->
          listener.onError(
              ServeError.of(ServeError.Kind.INVALID_REQUEST, "the request was cancelled"), receipt);
      case TIMEOUT ->
          listener.onError(
              ServeError.of(
                  ServeError.Kind.TIMEOUT,
                  r.error().orElse("the request timed out")
                      + "; the server is busy, retry later or lower max_tokens"),
              receipt);
      case FAILED ->
          listener.onError(
              ServeError.of(
                  ServeError.Kind.MODEL_UNAVAILABLE, r.error().orElse("the request failed")),
              receipt);
    }
  }
}
