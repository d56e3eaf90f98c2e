package dev.openledger.ledger.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.core.receipt.ReceiptTree;
import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.ledger.block.Receipt;
import dev.openledger.ledger.msg.AttributionClaim;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.SweepUnattributed;
import dev.openledger.ledger.payment.PaymentModule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * Random settlements, attributions (fresh receipts, receipts attributed before, receipts of swept
 * batches, the wrong sender), sweeps and time jumps, several per block: after every block the
 * supply is whole and every invariant holds (the attribution pool holds exactly what batches left
 * unattributed), every contributor's balance equals a plain model of the successful attributions
 * (floor of the pool by units, half withheld from the penalised mallory) less the fees of what it
 * sent, and exactly the receipts that were never attributed or swept are accepted.
 */
class AttributionSupplyProperties {
  private record Batch(ReceiptTree tree, List<SignedReceipt> receipts) {}

  @Property(tries = 10)
  void attributionConservesSupplyAndPaysByTheModel(@ForAll long seed) {
    Random rnd = new Random(seed);
    AttributionChain c = new AttributionChain();
    List<KeyPair> contributors = List.of(c.bob, c.carol, c.erin, c.mallory);
    Map<Address, Long> expected = new HashMap<>();
    for (KeyPair k : contributors) {
      expected.put(k.address(), c.balance(k.address()).nano());
    }
    List<Batch> batches = new ArrayList<>();
    Set<String> attributed = new HashSet<>();
    Set<Integer> swept = new HashSet<>();
    for (int round = 0; round < 14; round++) {
      if (rnd.nextInt(3) == 0 || batches.isEmpty()) {
        List<SignedReceipt> rs = new ArrayList<>();
        for (int i = 0, n = 1 + rnd.nextInt(4); i < n; i++) {
          rs.add(c.charge(1 + rnd.nextInt(300), rnd.nextInt(2000)));
        }
        batches.add(new Batch(c.settle(rs), rs));
      }
      if (rnd.nextInt(5) == 0) {
        c.chain
            .chain()
            .advanceTime(c.attribution().params(c.chain.state()).sweepAfterSeconds() * 1000 / 2);
      }
      List<Map.Entry<KeyPair, Message>> block = new ArrayList<>();
      List<int[]> what = new ArrayList<>();
      Set<String> inBlock = new HashSet<>();
      for (int i = 0, n = 1 + rnd.nextInt(4); i < n; i++) {
        int b = rnd.nextInt(batches.size());
        Batch batch = batches.get(b);
        if (rnd.nextInt(6) == 0) {
          block.add(Map.entry(c.carol, new SweepUnattributed(batch.tree().root())));
          what.add(new int[] {-1, b});
          continue;
        }
        int r = rnd.nextInt(batch.receipts().size());
        String id = batch.receipts().get(r).receipt().requestId();
        if (!inBlock.add(id)) {
          continue; // one attempt per receipt per block keeps the model simple
        }
        KeyPair sender = rnd.nextInt(8) == 0 ? c.bob : c.dave;
        block.add(
            Map.entry(
                sender,
                AttributionChain.attribute(
                    batch.tree(), batch.receipts(), r, randomClaim(rnd, contributors))));
        what.add(new int[] {b, r, sender == c.dave ? 1 : 0});
      }
      if (block.isEmpty()) {
        continue;
      }
      List<Receipt> results = c.chain.block(block);
      for (Map.Entry<KeyPair, Message> tx : block) {
        expected.computeIfPresent(
            tx.getKey().address(),
            (a, v) -> v - dev.openledger.ledger.TestChains.FEE.nano()); // the sender's fee
      }
      for (int i = 0; i < block.size(); i++) {
        Receipt res = results.get(i);
        int[] w = what.get(i);
        Statistics.collect(block.get(i).getValue().type().name(), res.code());
        if (w[0] == -1) {
          if (res.isOk()) {
            swept.add(w[1]);
          }
          continue;
        }
        SignedReceipt receipt = batches.get(w[0]).receipts().get(w[1]);
        String id = receipt.receipt().requestId();
        boolean shouldPass =
            w[2] == 1
                && !attributed.contains(id)
                && !swept.contains(w[0])
                && !sweptEarlierInBlock(results, what, i, w[0]);
        assertThat(res.isOk()).as("%s: %s %s", id, res.code(), res.message()).isEqualTo(shouldPass);
        if (res.isOk()) {
          attributed.add(id);
          AttributionClaim claim =
              ((dev.openledger.ledger.msg.AttributeInference) block.get(i).getValue())
                  .attribution();
          Amount pool = receipt.receipt().charge().mulDiv(4_000, 10_000);
          for (AttributionClaim.ContributorUnits u : claim.contributors()) {
            Amount earned = pool.mulDiv(u.units(), claim.scale());
            Amount paid =
                u.contributor().equals(c.mallory.address())
                    ? earned.minus(earned.mulDiv(5_000, 10_000))
                    : earned;
            expected.merge(u.contributor(), paid.nano(), Long::sum);
          }
        }
      }
      for (KeyPair k : contributors) {
        assertThat(c.balance(k.address()).nano())
            .as(k.address().toString())
            .isEqualTo(expected.get(k.address()));
      }
      long unattributed = 0;
      for (Batch b : batches) {
        unattributed +=
            c.payments()
                .batch(c.chain.state(), b.tree().root())
                .orElseThrow()
                .unattributed()
                .nano();
      }
      assertThat(c.balance(PaymentModule.ATTRIBUTION_POOL).nano()).isEqualTo(unattributed);
      assertThat(c.chain.chain().chain().bank().supply(c.chain.state()).total())
          .isEqualTo(Amount.MAX_SUPPLY);
    }
  }

  /** Whether a sweep of batch {@code b} earlier in the same block succeeded. */
  private static boolean sweptEarlierInBlock(
      List<Receipt> results, List<int[]> what, int upTo, int b) {
    for (int j = 0; j < upTo; j++) {
      if (what.get(j)[0] == -1 && what.get(j)[1] == b && results.get(j).isOk()) {
        return true;
      }
    }
    return false;
  }

  private static AttributionClaim randomClaim(Random rnd, List<KeyPair> contributors) {
    List<Address> who = new ArrayList<>();
    List<Long> units = new ArrayList<>();
    long left = AttributionChain.SCALE;
    Map<Address, Long> pick = new LinkedHashMap<>();
    for (KeyPair k : contributors) {
      if (rnd.nextBoolean() && left > 0) {
        long u = 1 + (long) (rnd.nextDouble() * left);
        u = Math.min(u, left);
        pick.put(k.address(), u);
        left -= u;
      }
    }
    pick.forEach(
        (a, u) -> {
          who.add(a);
          units.add(u);
        });
    return AttributionChain.claim(who, units, List.of());
  }
}
