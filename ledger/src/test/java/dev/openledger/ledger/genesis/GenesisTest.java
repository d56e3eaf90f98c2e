package dev.openledger.ledger.genesis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class GenesisTest {

  @Test
  void devnetAllocatesThePublishedSharesOfExactlyOneBillionOpen() {
    Genesis g = DevnetGenesis.genesis();
    assertThat(g.totalSupply()).isEqualTo(Amount.MAX_SUPPLY);
    Map<String, Long> open = new TreeMap<>();
    Amount sum = Amount.ZERO;
    for (Allocation a : g.allocations()) {
      open.put(a.name(), a.amount().nano() / Amount.NANO_PER_OPEN);
      sum = sum.plus(a.amount());
    }
    assertThat(sum).isEqualTo(Amount.MAX_SUPPLY);
    assertThat(open)
        .containsEntry("community", 517_100_000L)
        .containsEntry("investors", 182_900_000L)
        .containsEntry("team", 150_000_000L)
        .containsEntry("liquidity", 50_000_000L);
    // Ecosystem's 10% funds the devnet accounts, the vesting devnet account and the staking rewards
    // reserve
    assertThat(
            open.get("ecosystem")
                + DevnetGenesis.ACCOUNTS.size() * DevnetGenesis.FAUCET_OPEN
                + DevnetGenesis.VESTING_OPEN
                + DevnetGenesis.STAKING_REWARDS_OPEN)
        .isEqualTo(100_000_000L);
    for (String name : DevnetGenesis.ACCOUNTS) {
      Allocation a =
          g.allocations().stream()
              .filter(x -> x.name().equals("devnet-" + name))
              .findFirst()
              .orElseThrow();
      assertThat(a.address()).isEqualTo(DevnetGenesis.key(name).address());
      assertThat(a.note()).contains("INSECURE");
      assertThat(a.moduleAccount()).isFalse();
    }
    Allocation team =
        g.allocations().stream().filter(x -> x.name().equals("team")).findFirst().orElseThrow();
    assertThat(team.moduleAccount()).isTrue();
    assertThat(team.address()).isEqualTo(Address.module("team"));
    // a vesting month is a minute on the devnet
    assertThat(team.vesting()).contains(Vesting.seconds(12 * 60, 36 * 60));
    assertThat(g.sequencer()).isEqualTo(DevnetGenesis.sequencerKey().publicKey());
  }

  @Test
  void theFileIsTheIdentity() {
    byte[] bytes = DevnetGenesis.bytes(ChainParams.devnet());
    assertThat(GenesisFile.parse(bytes).orElseThrow().hash())
        .isEqualTo(DevnetGenesis.genesis().hash());
    byte[] spaced =
        (new String(bytes, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
    assertThat(GenesisFile.parse(spaced).orElseThrow().hash())
        .isNotEqualTo(DevnetGenesis.genesis().hash());
  }

  @Test
  void invalidGenesisFilesAreRefusedWithAReason() {
    String good = new String(DevnetGenesis.bytes(ChainParams.devnet()), StandardCharsets.UTF_8);
    assertThat(error(good.replace("\"517100000\"", "\"517100001\"")))
        .contains("sum to")
        .contains("totalSupply");
    assertThat(
            error(
                good.replace("\"chainId\" : \"openledger-devnet\"", "\"chainId\" : \"Bad Chain\"")))
        .contains("chainId");
    assertThat(error(good.replace("\"blockTimeMs\" : 1000", "\"blockTimeMs\" : 1")))
        .contains("blockTimeMs");
    assertThat(error(good.replace("\"name\" : \"team\"", "\"name\" : \"investors\"")))
        .contains("appears twice");
    assertThat(error("{")).contains("not valid JSON");
    assertThat(error(good.replace("\"genesisTime\"", "\"genesisTimeX\"")))
        .contains("not valid JSON");
    assertThat(error(good.replace("2026-01-01T00:00:00Z", "yesterday"))).contains("yesterday");
    assertThat(
            error(
                good.replace(
                    "\"module\" : true,",
                    "\"module\" : true, \"address\" : \"" + Address.module("x") + "\",")))
        .contains("exactly one of");
  }

  private static String error(String json) {
    Result<Genesis> r = GenesisFile.parse(json.getBytes(StandardCharsets.UTF_8));
    assertThat(r.isOk()).as("genesis should be refused").isFalse();
    assertThat(((Result.Err<Genesis>) r).code()).isEqualTo("bad_genesis");
    return ((Result.Err<Genesis>) r).message();
  }
}
