package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.money.Amount;
import java.util.Objects;

/**
 * The developer sets a model version's inference price per 1,000 generated tokens, within the
 * registry's bounds ({@code ModelParams.minInferencePrice} to {@code maxInferencePrice}).
 */
public record SetInferencePrice(String name, int version, Amount pricePer1kTokens)
    implements ModelMsg {
  public static final MessageType<SetInferencePrice> TYPE =
      new MessageType<>(
          0x0506, "model/set_price", SetInferencePrice.class, SetInferencePrice::decode);

  public SetInferencePrice {
    ModelMsg.checkKey(name, version);
    Objects.requireNonNull(pricePer1kTokens, "pricePer1kTokens");
    if (Amount.MAX_SUPPLY.isLessThan(pricePer1kTokens)) {
      throw new IllegalArgumentException("price exceeds the total supply");
    }
  }

  @Override
  public MessageType<SetInferencePrice> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.string(name).u32(version).amount(pricePer1kTokens);
  }

  private static SetInferencePrice decode(CanonicalReader r) throws DecodeException {
    return new SetInferencePrice(
        r.string("name", 64), DatanetParams.u32int(r, "version"), r.amount("price"));
  }
}
