package dev.openledger.ledger.datanet;

import static dev.openledger.ledger.RegistryDriver.key;
import static dev.openledger.ledger.datanet.Datanets.create;
import static dev.openledger.ledger.datanet.Datanets.submit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.RegistryDriver;
import dev.openledger.ledger.TestChains;
import dev.openledger.ledger.block.Receipt;
import dev.openledger.ledger.msg.AccessTerms;
import dev.openledger.ledger.msg.AddCurator;
import dev.openledger.ledger.msg.AllowContributor;
import dev.openledger.ledger.msg.ContributionPolicy;
import dev.openledger.ledger.msg.CreateDatanet;
import dev.openledger.ledger.msg.DatanetParams;
import dev.openledger.ledger.msg.GrantAccess;
import dev.openledger.ledger.msg.PayAccessFee;
import dev.openledger.ledger.msg.PublishVersion;
import dev.openledger.ledger.msg.RemoveCurator;
import dev.openledger.ledger.msg.ReviewContribution;
import dev.openledger.ledger.msg.SubmitContribution;
import dev.openledger.ledger.msg.UpdateDatanetParams;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatanetModuleTest {
  static final Amount FEE = TestChains.FEE;
  final KeyPair alice = key("alice");
  final KeyPair bob = key("bob");
  final KeyPair carol = key("carol");
  final KeyPair dave = key("dave");
  final RegistryDriver chain =
      new RegistryDriver(RegistryDriver.datanetParams(), RegistryDriver.modelParams(false));

  Hash created(KeyPair owner, CreateDatanet msg) {
    chain.ok(owner, msg);
    return DatanetIds.datanet(owner.address(), msg.name());
  }

  @Test
  void creatingChargesTheDeploymentFeeThatGrowsWithSizeAndNamesAreUniqueRegardlessOfCase() {
    Amount before = chain.balance(alice);
    Amount treasury = chain.treasury();
    CreateDatanet small = create("press");
    Hash id = created(alice, small);
    Amount expectedFee =
        Amount.ofOpen(10).plus(Amount.ofOpen(1).times((small.metadataBytes() + 1023) / 1024));
    assertThat(before.minus(chain.balance(alice))).isEqualTo(expectedFee.plus(FEE));
    assertThat(chain.treasury().minus(treasury)).isEqualTo(expectedFee.plus(FEE));

    CreateDatanet big =
        new CreateDatanet(
            "big",
            "s",
            "x".repeat(5000),
            List.of(),
            small.dataType(),
            "MIT",
            ContributionPolicy.open(),
            AccessTerms.open());
    Amount b0 = chain.balance(bob);
    chain.ok(bob, big);
    assertThat(b0.minus(chain.balance(bob)).minus(FEE))
        .isEqualTo(Amount.ofOpen(10 + 5)); // 5,0xx bytes: five started KiB
    assertThat(chain.fails(bob, create("PRESS"), "name_taken"))
        .contains("press")
        .contains(id.toHex());

    Datanet d = chain.datanets().keeper().datanet(chain.state(), id).orElseThrow();
    assertThat(d.owner()).isEqualTo(alice.address());
    assertThat(d.spec()).isEqualTo(small);
    assertThat(chain.datanets().find(chain.state(), "Press")).contains(d);
    assertThat(chain.datanets().find(chain.state(), id.toHex())).contains(d);
  }

  @Test
  void theChainRecomputesTheContributionIdAndKeepsTheFirstSubmitterOfAFile() {
    Hash id = created(alice, create("press"));
    SubmitContribution good = submit(id, bob, "a file");
    SubmitContribution forged =
        new SubmitContribution(
            id, Hash.sha256(new byte[] {1}), good.contentHash(), 10, 1, 0, "f.txt", "txt");
    assertThat(chain.fails(bob, forged, "bad_contribution_id"))
        .contains(good.contributionId().toHex());
    // carol cannot claim bob's id either: the id binds the sender
    chain.fails(carol, good, "bad_contribution_id");

    chain.ok(bob, good);
    assertThat(chain.fails(bob, good, "contribution_exists")).contains("pending");
    String copy = chain.fails(carol, submit(id, carol, "a file"), "duplicate_content");
    assertThat(copy).contains(good.contributionId().toHex()).contains(bob.address().toString());

    Contribution c =
        chain.datanets().keeper().contribution(chain.state(), good.contributionId()).orElseThrow();
    assertThat(c.submitter()).isEqualTo(bob.address());
    assertThat(c.status()).isEqualTo(ContributionStatus.PENDING);
    assertThat(chain.datanets().keeper().contributionIds(chain.state(), id, 0, 10))
        .containsExactly(good.contributionId());
  }

  @Test
  void onlyTheOwnerOrCuratorsReview() {
    Hash id = created(alice, create("press"));
    SubmitContribution one = submit(id, bob, "one");
    SubmitContribution two = submit(id, bob, "two");
    chain.ok(bob, one);
    chain.ok(bob, two);
    assertThat(
            chain.fails(
                carol, new ReviewContribution(one.contributionId(), true, ""), "unauthorized"))
        .contains("owner")
        .contains("curator");
    assertThat(
            chain.fails(
                bob, new ReviewContribution(one.contributionId(), true, "mine"), "unauthorized"))
        .contains(bob.address().toString());

    chain.fails(
        carol, new AddCurator(id, carol.address()), "unauthorized"); // only the owner appoints
    chain.ok(alice, new AddCurator(id, carol.address()));
    chain.fails(alice, new AddCurator(id, carol.address()), "already_curator");
    chain.ok(carol, new ReviewContribution(one.contributionId(), true, "relevant"));
    assertThat(
            chain.fails(
                alice,
                new ReviewContribution(one.contributionId(), false, "changed my mind"),
                "not_pending"))
        .contains("accepted");

    chain.ok(alice, new RemoveCurator(id, carol.address()));
    chain.fails(alice, new RemoveCurator(id, carol.address()), "not_curator");
    chain.fails(carol, new ReviewContribution(two.contributionId(), false, "spam"), "unauthorized");
    chain.ok(alice, new ReviewContribution(two.contributionId(), false, "off topic"));

    Contribution decided =
        chain.datanets().keeper().contribution(chain.state(), two.contributionId()).orElseThrow();
    assertThat(decided.status()).isEqualTo(ContributionStatus.REJECTED);
    assertThat(decided.review().orElseThrow().reviewer()).contains(alice.address());
    assertThat(decided.review().orElseThrow().reason()).isEqualTo("off topic");
    DatanetTally t = chain.datanets().keeper().tally(chain.state(), id);
    assertThat(List.of(t.contributions(), t.pending(), t.accepted(), t.rejected()))
        .containsExactly(2L, 0L, 1L, 1L);
    ContributorStats s = chain.datanets().keeper().stats(chain.state(), id, bob.address());
    assertThat(List.of(s.submitted(), s.accepted(), s.rejected(), s.rowsAccepted()))
        .containsExactly(2L, 1L, 1L, 4L);
  }

  @Test
  void aRejectionReleasesTheContentForTheNextSubmitter() {
    Hash id = created(alice, create("press"));
    chain.ok(bob, submit(id, bob, "shared text"));
    chain.fails(carol, submit(id, carol, "shared text"), "duplicate_content");
    chain.ok(
        alice,
        new ReviewContribution(submit(id, bob, "shared text").contributionId(), false, "bad scan"));
    chain.ok(carol, submit(id, carol, "shared text"));
    assertThat(
            chain
                .datanets()
                .keeper()
                .contentOwner(chain.state(), id, Datanets.content("shared text")))
        .contains(submit(id, carol, "shared text").contributionId());
  }

  @Test
  void dailyAndFileLimitsAreEnforcedWithClearErrors() {
    DatanetParams.Limits small = new DatanetParams.Limits(1_000, 2_500, 3, 3_500, 2);
    DatanetParams p = RegistryDriver.datanetParams();
    RegistryDriver c =
        new RegistryDriver(
            new DatanetParams(p.authority(), p.fees(), small), RegistryDriver.modelParams(false));
    c.ok(alice, create("press"));
    c.ok(alice, create("fiction"));
    Hash press = DatanetIds.datanet(alice.address(), "press");
    Hash fiction = DatanetIds.datanet(alice.address(), "fiction");

    assertThat(c.fails(bob, submit(press, bob, "huge", 1_001, 1, 0), "file_too_large"))
        .contains("1001 bytes")
        .contains("1000 bytes per file");
    c.ok(bob, submit(press, bob, "b1", 1_000, 1, 0));
    c.ok(bob, submit(fiction, bob, "b2", 1_000, 1, 0));
    // the user limit counts bytes over all datanets
    assertThat(c.fails(bob, submit(fiction, bob, "b3", 600, 1, 0), "user_daily_bytes"))
        .contains("2000 bytes today")
        .contains("2500 bytes per user per day");
    c.ok(bob, submit(fiction, bob, "b3", 500, 1, 0));
    assertThat(c.fails(bob, submit(fiction, bob, "b4", 1, 1, 0), "user_daily_files"))
        .contains("3 files today")
        .contains("3 per day");

    c.ok(carol, submit(press, carol, "c1", 1_000, 1, 0));
    c.ok(carol, submit(press, carol, "c2", 1_000, 1, 0));
    assertThat(c.fails(dave, submit(press, dave, "d1", 1_000, 1, 0), "datanet_daily_bytes"))
        .contains("3000 bytes today")
        .contains("3500 bytes per datanet per day");
    c.ok(dave, submit(fiction, dave, "d1", 1_000, 1, 0)); // another datanet still has room

    UsageToday u = c.datanets().usage(c.state(), bob.address(), press, c.chain().nextTime());
    assertThat(List.of(u.userBytes(), (long) u.userFiles(), u.datanetBytes()))
        .containsExactly(2_500L, 3L, 3_000L);

    c.chain().advanceTime(DailyUsage.DAY_MILLIS); // the next UTC day starts the counts afresh
    c.ok(bob, submit(press, bob, "b5", 1_000, 1, 0));
    c.ok(dave, submit(press, dave, "d2", 1_000, 1, 0));
  }

  @Test
  void allowListDatanetsTakeContributionsFromAllowedAccountsOnly() {
    ContributionPolicy policy =
        new ContributionPolicy(
            ContributionPolicy.Admission.ALLOW_LIST,
            ContributionPolicy.Review.CURATORS,
            0,
            Amount.ZERO);
    Hash id = created(alice, create("gated", policy, AccessTerms.open()));
    assertThat(chain.fails(bob, submit(id, bob, "x"), "not_allowed"))
        .contains(bob.address().toString());
    chain.ok(alice, new AddCurator(id, carol.address()));
    chain.ok(carol, submit(id, carol, "curators may contribute"));
    chain.ok(carol, new AllowContributor(id, bob.address(), true));
    chain.fails(carol, new AllowContributor(id, bob.address(), true), "no_change");
    chain.fails(dave, new AllowContributor(id, dave.address(), true), "unauthorized");
    chain.ok(bob, submit(id, bob, "x"));
    chain.ok(alice, new AllowContributor(id, bob.address(), false));
    chain.fails(bob, submit(id, bob, "y"), "not_allowed");
    assertThat(chain.datanets().keeper().allowed(chain.state(), id)).isEmpty();
  }

  @Test
  void stakesAreEscrowedReturnedOnApprovalAndForfeitedOnRejection() {
    ContributionPolicy policy =
        new ContributionPolicy(
            ContributionPolicy.Admission.OPEN,
            ContributionPolicy.Review.CURATORS,
            0,
            Amount.ofOpen(3));
    Hash id = created(alice, create("staked", policy, AccessTerms.open()));
    Amount bob0 = chain.balance(bob);
    SubmitContribution good = submit(id, bob, "good");
    SubmitContribution bad = submit(id, bob, "bad");
    chain.ok(bob, good);
    chain.ok(bob, bad);
    assertThat(bob0.minus(chain.balance(bob))).isEqualTo(Amount.ofOpen(6).plus(FEE.times(2)));
    assertThat(
            chain
                .chain()
                .chain()
                .bank()
                .account(chain.state(), DatanetModule.STAKE_ESCROW)
                .balance())
        .isEqualTo(Amount.ofOpen(6));

    chain.ok(alice, new ReviewContribution(good.contributionId(), true, ""));
    Amount treasury = chain.treasury();
    chain.ok(alice, new ReviewContribution(bad.contributionId(), false, "junk"));
    assertThat(chain.treasury().minus(treasury)).isEqualTo(Amount.ofOpen(3).plus(FEE));
    assertThat(bob0.minus(chain.balance(bob))).isEqualTo(Amount.ofOpen(3).plus(FEE.times(2)));
    assertThat(
            chain
                .chain()
                .chain()
                .bank()
                .account(chain.state(), DatanetModule.STAKE_ESCROW)
                .balance())
        .isEqualTo(Amount.ZERO);

    KeyPair poor = KeyPair.insecureFromLabel("poor");
    chain.ok(alice, new dev.openledger.ledger.msg.Transfer(poor.address(), Amount.ofOpen(1)));
    assertThat(chain.fails(poor, submit(id, poor, "cannot stake"), "insufficient_funds"))
        .contains("stake of 3");
  }

  @Test
  void contributionsScoringAboveTheThresholdAreAcceptedOnSubmission() {
    ContributionPolicy policy =
        new ContributionPolicy(
            ContributionPolicy.Admission.OPEN,
            ContributionPolicy.Review.AUTOMATIC,
            700_000,
            Amount.ofOpen(2));
    Hash id = created(alice, create("auto", policy, AccessTerms.open()));
    SubmitContribution high = submit(id, bob, "high", 100, 2, 700_000);
    SubmitContribution low = submit(id, bob, "low", 100, 2, 699_999);
    Amount bob0 = chain.balance(bob);
    Receipt r = chain.ok(bob, high);
    assertThat(
            r.events().stream()
                .filter(e -> e.type().equals("datanet.submitted"))
                .findFirst()
                .orElseThrow()
                .get("status"))
        .isEqualTo("accepted");
    assertThat(bob0.minus(chain.balance(bob)))
        .isEqualTo(FEE); // no stake held for an accepted contribution
    chain.ok(bob, low);
    Contribution lowC =
        chain.datanets().keeper().contribution(chain.state(), low.contributionId()).orElseThrow();
    assertThat(lowC.status()).isEqualTo(ContributionStatus.PENDING);
    assertThat(lowC.stake()).isEqualTo(Amount.ofOpen(2));
    Contribution highC =
        chain.datanets().keeper().contribution(chain.state(), high.contributionId()).orElseThrow();
    assertThat(highC.review().orElseThrow().reviewer()).isEmpty();
  }

  @Test
  void versionsAreNumberedInOrderListAcceptedContributionsAndCostTheOwnerAFeeByMib() {
    Hash id = created(alice, create("press"));
    Hash other = created(bob, create("other"));
    SubmitContribution a = submit(id, bob, "a", 3 * DatanetParams.MB / 2, 10, 900_000);
    SubmitContribution b = submit(id, carol, "b", 1000, 5, 900_000);
    SubmitContribution c = submit(id, dave, "c", 1000, 5, 900_000);
    SubmitContribution elsewhere = submit(other, carol, "e");
    chain.ok(bob, a);
    chain.ok(carol, b);
    chain.ok(dave, c);
    chain.ok(carol, elsewhere);
    chain.ok(alice, new ReviewContribution(a.contributionId(), true, ""));
    chain.ok(alice, new ReviewContribution(b.contributionId(), true, ""));
    chain.ok(bob, new ReviewContribution(elsewhere.contributionId(), true, ""));

    Hash root = Hash.sha256(new byte[] {7});
    chain.fails(
        bob, new PublishVersion(id, 1, root, 15, List.of(a.contributionId())), "unauthorized");
    assertThat(
            chain.fails(
                alice,
                new PublishVersion(id, 2, root, 15, List.of(a.contributionId())),
                "bad_version"))
        .contains("is 1");
    chain.fails(
        alice,
        new PublishVersion(id, 1, root, 15, List.of(a.contributionId(), c.contributionId())),
        "not_accepted");
    chain.fails(
        alice,
        new PublishVersion(
            id, 1, root, 15, List.of(a.contributionId(), elsewhere.contributionId())),
        "unknown_contribution");
    chain.fails(
        alice,
        new PublishVersion(id, 1, root, 16, List.of(a.contributionId(), b.contributionId())),
        "bad_row_count");

    Amount before = chain.balance(alice);
    chain.ok(
        alice,
        new PublishVersion(id, 1, root, 15, List.of(a.contributionId(), b.contributionId())));
    // 1.5 MiB + 1000 bytes: two started MiB at 2 OPEN, plus 5 OPEN
    assertThat(before.minus(chain.balance(alice))).isEqualTo(Amount.ofOpen(9).plus(FEE));
    PublishedVersion v = chain.datanets().keeper().version(chain.state(), id, 1).orElseThrow();
    assertThat(v.root()).isEqualTo(root);
    assertThat(v.rows()).isEqualTo(15);
    assertThat(v.fee()).isEqualTo(Amount.ofOpen(9));
    chain.ok(
        alice,
        new PublishVersion(id, 2, Hash.sha256(new byte[] {8}), 10, List.of(a.contributionId())));
    assertThat(chain.datanets().keeper().versions(chain.state(), id))
        .extracting(PublishedVersion::version)
        .containsExactly(1, 2);
  }

  @Test
  void accessIsOpenGrantedOrBoughtAndTheFeeIsSplitBetweenTreasuryAndOwner() {
    Hash open = created(alice, create("open"));
    Hash granted =
        created(
            alice,
            create(
                "granted",
                ContributionPolicy.open(),
                new AccessTerms(AccessTerms.Mode.GRANT, Amount.ZERO)));
    Hash paid =
        created(
            alice,
            create(
                "paid",
                ContributionPolicy.open(),
                new AccessTerms(AccessTerms.Mode.FEE, Amount.ofOpen(50))));
    Hash root = Hash.sha256(new byte[] {1});
    for (Hash id : List.of(open, granted, paid)) {
      SubmitContribution s = submit(id, alice, "rows of " + id);
      chain.ok(alice, s);
      chain.ok(alice, new ReviewContribution(s.contributionId(), true, ""));
      chain.ok(alice, new PublishVersion(id, 1, root, 1, List.of(s.contributionId())));
    }
    DatanetModule m = chain.datanets();
    assertThat(m.checkAccess(chain.state(), bob.address(), open, 1, root))
        .isEqualTo(new AccessCheck.Granted("open"));
    assertThat(m.checkAccess(chain.state(), alice.address(), paid, 1, root))
        .isEqualTo(new AccessCheck.Granted("owner"));
    assertThat(m.checkAccess(chain.state(), bob.address(), granted, 1, root))
        .isInstanceOf(AccessCheck.Refused.class)
        .extracting(x -> ((AccessCheck.Refused) x).code())
        .isEqualTo("access_denied");
    assertThat(
            ((AccessCheck.Refused) m.checkAccess(chain.state(), bob.address(), paid, 1, root))
                .code())
        .isEqualTo("access_fee_unpaid");
    assertThat(
            ((AccessCheck.Refused) m.checkAccess(chain.state(), bob.address(), open, 2, root))
                .code())
        .isEqualTo("unknown_datanet_version");
    assertThat(
            ((AccessCheck.Refused) m.checkAccess(chain.state(), bob.address(), open, 1, Hash.ZERO))
                .code())
        .isEqualTo("root_mismatch");
    assertThat(
            ((AccessCheck.Refused) m.checkAccess(chain.state(), bob.address(), Hash.ZERO, 1, root))
                .code())
        .isEqualTo("unknown_datanet");

    chain.fails(carol, new GrantAccess(granted, bob.address(), true), "unauthorized");
    chain.ok(alice, new GrantAccess(granted, bob.address(), true));
    assertThat(m.checkAccess(chain.state(), bob.address(), granted, 1, root))
        .isEqualTo(new AccessCheck.Granted("grant"));
    chain.ok(alice, new GrantAccess(granted, bob.address(), false));
    assertThat(m.checkAccess(chain.state(), bob.address(), granted, 1, root))
        .isInstanceOf(AccessCheck.Refused.class);

    chain.fails(bob, new PayAccessFee(open, Amount.ofOpen(50)), "no_access_fee");
    assertThat(chain.fails(bob, new PayAccessFee(paid, Amount.ofOpen(40)), "wrong_amount"))
        .contains("50");
    Amount alice0 = chain.balance(alice);
    Amount bob0 = chain.balance(bob);
    Amount treasury0 = chain.treasury();
    chain.ok(bob, new PayAccessFee(paid, Amount.ofOpen(50)));
    assertThat(bob0.minus(chain.balance(bob))).isEqualTo(Amount.ofOpen(50).plus(FEE));
    assertThat(chain.balance(alice).minus(alice0)).isEqualTo(Amount.ofOpen(45));
    assertThat(chain.treasury().minus(treasury0)).isEqualTo(Amount.ofOpen(5).plus(FEE));
    assertThat(m.checkAccess(chain.state(), bob.address(), paid, 1, root))
        .isEqualTo(new AccessCheck.Granted("fee_paid"));
    chain.fails(bob, new PayAccessFee(paid, Amount.ofOpen(50)), "already_granted");
    chain.fails(alice, new GrantAccess(paid, bob.address(), false), "paid_access");
  }

  @Test
  void onlyTheAuthorityChangesParameters() {
    DatanetParams p = RegistryDriver.datanetParams();
    DatanetParams cheaper =
        new DatanetParams(
            p.authority(),
            new DatanetParams.Fees(Amount.ZERO, Amount.ZERO, Amount.ZERO, Amount.ZERO, 0),
            p.limits());
    assertThat(chain.fails(alice, new UpdateDatanetParams(cheaper), "unauthorized"))
        .contains(RegistryDriver.GOV.address().toString());
    chain.ok(
        alice,
        new dev.openledger.ledger.msg.Transfer(RegistryDriver.GOV.address(), Amount.ofOpen(1)));
    chain.ok(RegistryDriver.GOV, new UpdateDatanetParams(cheaper));
    assertThat(chain.datanets().params(chain.state())).isEqualTo(cheaper);
    Amount before = chain.balance(bob);
    chain.ok(bob, create("free"));
    assertThat(before.minus(chain.balance(bob))).isEqualTo(FEE);
  }

  @Test
  void theIdsAreTheDocumentedHashes() {
    Hash d = DatanetIds.datanet(alice.address(), "press");
    byte[] prefix = "openledger/datanet/v1\0".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(d)
        .isEqualTo(
            Hash.sha256(
                prefix,
                alice.address().bytes(),
                "press".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    Hash content = Hash.sha256(new byte[] {42});
    byte[] cp = "openledger/contribution/v1\0".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(DatanetIds.contribution(d, bob.address(), content))
        .isEqualTo(Hash.sha256(cp, d.bytes(), bob.address().bytes(), content.bytes()));
    assertThat(chain.datanets().find(chain.state(), "nothing")).isEqualTo(Optional.empty());
  }
}
