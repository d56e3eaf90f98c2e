package dev.openledger.ledger.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.block.Receipt;
import dev.openledger.ledger.msg.BindApiKey;
import dev.openledger.ledger.msg.CloseChannel;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.OpenPaymentChannel;
import dev.openledger.ledger.msg.SettleUsage;
import dev.openledger.ledger.msg.SettleUsage.ModelCharge;
import dev.openledger.ledger.msg.TopUpChannel;
import dev.openledger.ledger.msg.UnbindApiKey;
import dev.openledger.ledger.msg.WithdrawChannel;
import dev.openledger.ledger.payment.PaymentChain.Receipts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * Random sequences of channel opens, top-ups, closes, withdrawals, key bindings and settlements
 * (some over-claiming, some on closed channels, some by the wrong provider), several per block:
 * after every block the supply is whole, every module invariant holds (the escrow holds exactly
 * what channels have left, the attribution pool exactly what batches left unattributed), and the
 * escrow and pool equal a plain model of the successful messages.
 */
class PaymentSupplyProperties {

  @Property(tries = 12)
  void settlementConservesSupply(@ForAll long seed) {
    Random rnd = new Random(seed);
    PaymentChain p = new PaymentChain();
    List<KeyPair> payers = List.of(p.alice, p.bob, p.carol);
    List<KeyPair> providers = List.of(p.dave, p.bob);
    Map<KeyPair, Receipts> pending = new HashMap<>();
    long escrow = 0;
    long pool = 0;
    for (int round = 0; round < 25; round++) {
      List<Map.Entry<KeyPair, Message>> block = new ArrayList<>();
      int n = 1 + rnd.nextInt(4);
      for (int i = 0; i < n; i++) {
        block.add(randomMessage(rnd, p, payers, providers, pending));
      }
      if (rnd.nextInt(3) == 0) {
        p.chain.chain().advanceTime(40_000);
      }
      List<Receipt> receipts = p.chain.block(block);
      for (int i = 0; i < block.size(); i++) {
        Message m = block.get(i).getValue();
        Receipt r = receipts.get(i);
        Statistics.collect(m.type().name(), r.code());
        if (m instanceof SettleUsage) {
          // settled or refused: the provider starts again from the chain's state
          pending.remove(block.get(i).getKey());
        }
        if (!r.isOk()) {
          continue;
        }
        if (m instanceof OpenPaymentChannel o) {
          escrow += o.deposit().nano();
        } else if (m instanceof TopUpChannel t) {
          escrow += t.amount().nano();
        } else if (m instanceof WithdrawChannel) {
          escrow -=
              Amount.parse(
                      r.events().stream()
                          .filter(e -> e.type().equals("payment.withdraw"))
                          .findFirst()
                          .orElseThrow()
                          .get("amount"))
                  .nano();
        } else if (m instanceof SettleUsage s) {
          escrow -= s.modelTotal().nano();
          for (ModelCharge c : s.models()) {
            pool += c.amount().mulDiv(4000, 10_000).nano();
          }
        }
      }
      assertThat(p.balance(PaymentModule.ESCROW).nano()).isEqualTo(escrow);
      assertThat(p.balance(PaymentModule.ATTRIBUTION_POOL).nano()).isEqualTo(pool);
      assertThat(p.chain.chain().chain().bank().supply(p.chain.state()).total())
          .isEqualTo(Amount.MAX_SUPPLY);
    }
  }

  private static Map.Entry<KeyPair, Message> randomMessage(
      Random rnd,
      PaymentChain p,
      List<KeyPair> payers,
      List<KeyPair> providers,
      Map<KeyPair, Receipts> pending) {
    KeyPair payer = payers.get(rnd.nextInt(payers.size()));
    KeyPair provider = providers.get(rnd.nextInt(providers.size()));
    Optional<Channel> active =
        p.payments().keeper().activeChannel(p.chain.state(), payer.address(), provider.address());
    Hash channel = active.map(Channel::id).orElse(Hash.sha256(new byte[] {(byte) rnd.nextInt(4)}));
    Amount amount =
        rnd.nextBoolean()
            ? Amount.ofNano(1_000_000 + rnd.nextInt(50_000_000))
            : Amount.ofOpen(1 + rnd.nextInt(20));
    switch (rnd.nextInt(9)) {
      case 0, 1:
        return Map.entry(payer, new OpenPaymentChannel(provider.address(), amount));
      case 2:
        return Map.entry(payer, new TopUpChannel(channel, amount));
      case 3:
        return Map.entry(payer, new CloseChannel(channel));
      case 4:
        return Map.entry(payer, new WithdrawChannel(channel));
      case 5:
        Hash key = Hash.sha256(new byte[] {7, (byte) rnd.nextInt(3)});
        return Map.entry(payer, rnd.nextBoolean() ? new BindApiKey(key) : new UnbindApiKey(key));
      default:
        Receipts rs = pending.computeIfAbsent(provider, Receipts::new);
        if (active.isPresent()) {
          int count = 1 + rnd.nextInt(4);
          for (int i = 0; i < count; i++) {
            boolean mix = rnd.nextBoolean();
            rs.charge(
                active.get(),
                mix ? "brown-mix" : "press-qa",
                mix ? PaymentChain.ADAPTER_1 : PaymentChain.ADAPTER_2,
                1 + rnd.nextInt(400),
                rnd.nextInt(3000));
          }
        }
        if (rs.signed.isEmpty()) {
          return Map.entry(payer, new OpenPaymentChannel(provider.address(), amount));
        }
        // now and then the wrong account sends the provider's settlement
        KeyPair sender = rnd.nextInt(8) == 0 ? payer : provider;
        SettleUsage s = PaymentChain.settlement(rs.signed);
        pending.put(sender, rs);
        return Map.entry(sender, s);
    }
  }
}
