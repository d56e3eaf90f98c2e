package dev.openledger.core.receipt;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import java.util.ArrayList;
import java.util.List;

/** Receipt fixtures. */
final class Receipts {
  static final KeyPair PROVIDER = KeyPair.insecureFromLabel("provider");
  static final Address CALLER = KeyPair.insecureFromLabel("caller").address();
  static final Hash CHANNEL = Hash.sha256("channel".getBytes());

  private Receipts() {}

  static UsageReceipt receipt(
      long nonce, String id, int prompt, int completion, Amount cumulative) {
    Amount price = Amount.ofNano(7);
    return new UsageReceipt(
        CHANNEL,
        nonce,
        id,
        "legal-qa",
        Hash.sha256(new byte[] {1}),
        CALLER,
        PROVIDER.address(),
        prompt,
        completion,
        price,
        price.times((long) prompt + completion),
        cumulative);
  }

  /** {@code n} consecutive signed receipts on one channel. */
  static List<SignedReceipt> chain(int n) {
    List<SignedReceipt> out = new ArrayList<>();
    Amount cum = Amount.ZERO;
    for (int i = 1; i <= n; i++) {
      int prompt = 3 + i % 5;
      int completion = 10 + i % 7;
      cum = cum.plus(Amount.ofNano(7).times(prompt + completion));
      out.add(SignedReceipt.sign(receipt(i, "cmpl-" + i, prompt, completion, cum), PROVIDER));
    }
    return out;
  }
}
