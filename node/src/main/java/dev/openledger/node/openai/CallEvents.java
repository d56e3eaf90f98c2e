package dev.openledger.node.openai;

import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.openlora.service.CallListener;
import dev.openledger.openlora.service.CallResult;
import dev.openledger.openlora.service.ServeError;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Hands a call's output from the decode thread to the HTTP thread writing the response. */
final class CallEvents implements CallListener {

  /** One piece of output. */
  sealed interface Event {}

  record Text(String text) implements Event {}

  record Done(CallResult result) implements Event {}

  record Failed(ServeError error, Optional<SignedReceipt> receipt) implements Event {}

  private final LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>();

  @Override
  public void onText(String text) {
    queue.add(new Text(text));
  }

  @Override
  public void onFinish(CallResult result) {
    queue.add(new Done(result));
  }

  @Override
  public void onError(ServeError error, Optional<SignedReceipt> receipt) {
    queue.add(new Failed(error, receipt));
  }

  /** The next event, or null if none came within {@code millis}. */
  Event next(long millis) throws InterruptedException {
    return queue.poll(millis, TimeUnit.MILLISECONDS);
  }
}
