package dev.openledger.openlora.service;

import dev.openledger.core.receipt.SignedReceipt;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Collects a call's text and its end. */
class Listen implements CallListener {
  final StringBuilder text = new StringBuilder();
  final CompletableFuture<CallResult> done = new CompletableFuture<>();
  volatile ServeError error;
  volatile Optional<SignedReceipt> errorReceipt = Optional.empty();

  @Override
  public synchronized void onText(String t) {
    text.append(t);
  }

  @Override
  public void onFinish(CallResult result) {
    done.complete(result);
  }

  @Override
  public void onError(ServeError e, Optional<SignedReceipt> receipt) {
    error = e;
    errorReceipt = receipt;
    done.completeExceptionally(new IllegalStateException(e.message()));
  }

  CallResult await() throws Exception {
    return done.get(60, TimeUnit.SECONDS);
  }

  synchronized String text() {
    return text.toString();
  }
}
