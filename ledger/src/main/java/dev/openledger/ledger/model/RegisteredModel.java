package dev.openledger.ledger.model;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.msg.RegisterModel;
import dev.openledger.ledger.state.StateCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A model version in the registry, at {@code model/m<name>\0<version>}.
 *
 * @param registration the registering message: the whole lineage
 * @param state where it stands
 * @param pricePer1kTokens the developer's inference price per 1,000 generated tokens
 * @param history every step since registration, oldest first (the first is the registration)
 */
public record RegisteredModel(
    RegisterModel registration,
    ModelState state,
    Amount pricePer1kTokens,
    List<Transition> history) {
  public RegisteredModel {
    Objects.requireNonNull(registration, "registration");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(pricePer1kTokens, "pricePer1kTokens");
    history = List.copyOf(history);
    if (history.isEmpty() || history.get(history.size() - 1).to() != state) {
      throw new IllegalArgumentException("the history must end in the current state");
    }
  }

  public String name() {
    return registration.name();
  }

  public int version() {
    return registration.version();
  }

  public Address developer() {
    return registration.developer();
  }

  /** {@code name@version}. */
  public String label() {
    return name() + "@" + version();
  }

  RegisteredModel moved(Transition t) {
    List<Transition> h = new ArrayList<>(history);
    h.add(t);
    return new RegisteredModel(registration, t.to(), pricePer1kTokens, h);
  }

  RegisteredModel withPrice(Amount price) {
    return new RegisteredModel(registration, state, price, history);
  }

  byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(512);
    registration.encodeBody(w);
    w.u8(state.ordinal()).amount(pricePer1kTokens).varint(history.size());
    for (Transition t : history) {
      w.u8(t.to().ordinal()).varint(t.height()).address(t.by()).string(t.note());
    }
    return w.toByteArray();
  }

  static RegisteredModel decode(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    RegisterModel reg = StateCodec.construct(() -> RegisterModel.TYPE.decoder().decode(r));
    ModelState state = state(r);
    Amount price = r.amount("price");
    int n = (int) r.varint("history", 16);
    List<Transition> history = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      history.add(
          new Transition(state(r), r.varint("height"), r.address("by"), r.string("note", 1024)));
    }
    r.finish();
    return StateCodec.construct(() -> new RegisteredModel(reg, state, price, history));
  }

  private static ModelState state(CanonicalReader r) throws DecodeException {
    int v = r.u8("state");
    if (v >= ModelState.values().length) {
      throw new DecodeException("state: unknown value " + v);
    }
    return ModelState.values()[v];
  }
}
