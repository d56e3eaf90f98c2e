package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import java.util.Objects;

/** Replaces the payment module's parameters; only the current {@code authority} may send it. */
public record UpdatePaymentParams(PaymentParams params) implements PaymentMsg {
  public static final MessageType<UpdatePaymentParams> TYPE =
      new MessageType<>(
          0x0608, "payment/update_params", UpdatePaymentParams.class, UpdatePaymentParams::decode);

  public UpdatePaymentParams {
    Objects.requireNonNull(params, "params");
  }

  @Override
  public MessageType<UpdatePaymentParams> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    params.encode(w);
  }

  private static UpdatePaymentParams decode(CanonicalReader r) throws DecodeException {
    return new UpdatePaymentParams(PaymentParams.decode(r));
  }
}
