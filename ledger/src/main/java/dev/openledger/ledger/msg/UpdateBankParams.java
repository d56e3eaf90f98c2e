package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.ledger.bank.BankParams;
import java.util.Objects;

/**
 * Replaces the bank module's parameters (Cosmos SDK {@code MsgUpdateParams}); only the governance
 * authority may send it, so it takes effect when a proposal carrying it executes.
 *
 * @param params the complete new parameters
 */
public record UpdateBankParams(BankParams params) implements BankMsg {
  public static final MessageType<UpdateBankParams> TYPE =
      new MessageType<>(
          0x0103, "bank/update_params", UpdateBankParams.class, UpdateBankParams::decode);

  public UpdateBankParams {
    Objects.requireNonNull(params, "params");
  }

  @Override
  public MessageType<UpdateBankParams> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    params.encode(w);
  }

  private static UpdateBankParams decode(CanonicalReader r) throws DecodeException {
    return new UpdateBankParams(BankParams.decode(r));
  }
}
