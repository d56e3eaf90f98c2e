package dev.openledger.ledger.msg;

import java.util.List;

/**
 * Messages of the payment module (code 6): payment channels that escrow a caller's OPEN for one
 * serving provider, API keys bound to accounts, and the provider's settlement of signed usage
 * receipts.
 */
public sealed interface PaymentMsg extends Message
    permits OpenPaymentChannel,
        TopUpChannel,
        CloseChannel,
        WithdrawChannel,
        BindApiKey,
        UnbindApiKey,
        SettleUsage,
        UpdatePaymentParams {

  /** Every payment message type, for {@link MessageCodec}. */
  static List<MessageType<?>> types() {
    return List.of(
        OpenPaymentChannel.TYPE,
        TopUpChannel.TYPE,
        CloseChannel.TYPE,
        WithdrawChannel.TYPE,
        BindApiKey.TYPE,
        UnbindApiKey.TYPE,
        SettleUsage.TYPE,
        UpdatePaymentParams.TYPE);
  }
}
