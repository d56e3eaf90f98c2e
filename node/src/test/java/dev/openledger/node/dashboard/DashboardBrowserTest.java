package dev.openledger.node.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.Hex;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.json.Json;
import dev.openledger.core.keystore.KeyFile;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.bank.BankParams;
import dev.openledger.ledger.bank.FeeSplit;
import dev.openledger.ledger.gov.GovParams;
import dev.openledger.ledger.gov.VoteSupport;
import dev.openledger.ledger.msg.ApproveModel;
import dev.openledger.ledger.msg.BindApiKey;
import dev.openledger.ledger.msg.Burn;
import dev.openledger.ledger.msg.CloseChannel;
import dev.openledger.ledger.msg.Delegate;
import dev.openledger.ledger.msg.Execute;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.OpenPaymentChannel;
import dev.openledger.ledger.msg.Propose;
import dev.openledger.ledger.msg.Queue;
import dev.openledger.ledger.msg.ReviewContribution;
import dev.openledger.ledger.msg.Stake;
import dev.openledger.ledger.msg.SubmitContribution;
import dev.openledger.ledger.msg.TopUpChannel;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.msg.UnbindApiKey;
import dev.openledger.ledger.msg.Unstake;
import dev.openledger.ledger.msg.UpdateBankParams;
import dev.openledger.ledger.msg.UpdateGovParams;
import dev.openledger.ledger.msg.Vote;
import dev.openledger.ledger.msg.Withdraw;
import dev.openledger.ledger.msg.WithdrawChannel;
import dev.openledger.ledger.staking.Purpose;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.Transaction;
import dev.openledger.node.TestNode;
import dev.openledger.node.api.economy.AccountRewardsView;
import dev.openledger.node.attribution.AttributionViews.AttributionView;
import dev.openledger.node.attribution.AttributionViews.ContributorView;
import dev.openledger.node.attribution.AttributionViews.OnChainView;
import dev.openledger.node.attribution.AttributionViews.PayoutView;
import dev.openledger.node.attribution.AttributionViews.RecordView;
import dev.openledger.node.client.AttributionClient;
import dev.openledger.node.client.EconomyClient;
import dev.openledger.node.client.ModelClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in headless Chromium against a real node on a loopback port: each page loads
 * without console errors and shows the node's data, transfers signed in the browser (devnet key and
 * encrypted key file) commit on the chain, the browser's Ed25519 and transaction encoding match the
 * Java code byte for byte, and the playground streams an answer with a receipt verified in the
 * browser, settled and attributed on chain, its contributor's Account page listing the reward.
 * Screenshots of every page go to target/screenshots/.
 */
class DashboardBrowserTest extends BrowserTestBase {
  /**
   * How long the provider's node may take to attribute a settled answer and have the chain pay it.
   */
  private static final Duration ATTRIBUTION_WAIT = Duration.ofSeconds(60);

  @Test
  void networkPageShowsTheChainAndFollowsNewBlocks() {
    // transactions of its own, so that they are among the latest whatever ran before
    chain.submit(DashboardFixture.key("carol"), new Burn(Amount.parse("0.5")));
    chain.submit(
        DashboardFixture.key("dave"),
        new Transfer(DashboardFixture.key("alice").address(), Amount.ofOpen(5_000_000)));
    browser.open(chain.url() + "/#/network");
    long height = chain.client.status().height();
    browser.textWhen("#tile-height", t -> t.equals(String.valueOf(height)));
    browser.textWhen("#tile-chain", "openledger-devnet"::equals);
    String txs = browser.textWhen("#recent-txs tbody", t -> t.contains("burn 0.5 OPEN"));
    assertThat(txs).contains("transfer 5,000,000 OPEN", "insufficient_funds");
    assertThat(browser.visible("#supply").getText())
        .contains("Burned", "25.5 OPEN", "community", "1,000,000,000 OPEN");
    assertThat(browser.driver.findElements(By.cssSelector("#block-charts svg[role=img]")))
        .hasSize(2);
    assertThat(browser.driver.findElements(By.cssSelector("#block-charts rect.bar")))
        .hasSize((int) Math.min(height, 20));
    assertThat(
            browser.driver.findElement(By.cssSelector("#block-charts path.line")).getAttribute("d"))
        .matches("M[0-9.]+,[0-9.]+(L[0-9.]+,[0-9.]+)+");
    assertThat(browser.driver.findElements(By.cssSelector("#supply rect.share")))
        .hasSize(chain.client.supply().moduleAccounts().size() + 1);

    SignedTransaction fresh =
        chain.submit(
            DashboardFixture.key("alice"),
            new Transfer(DashboardFixture.key("dave").address(), Amount.parse("7.125")));
    long newHeight = chain.client.status().height();
    browser.textWhen("#tile-height", t -> t.equals(String.valueOf(newHeight)));
    browser.textWhen("#recent-txs tbody", t -> t.contains("transfer 7.125 OPEN"));
    assertThat(
            browser
                .driver
                .findElement(
                    By.cssSelector("#recent-txs tbody a[href='#/tx/" + fresh.hash().toHex() + "']"))
                .isDisplayed())
        .isTrue();
    browser.screenshot("network");
  }

  @Test
  void blockAndTransactionPagesExplainWhatHappened() {
    browser.open(chain.url() + "/#/tx/" + chain.aliceToBob.hash().toHex());
    assertThat(browser.textWhen("#tx-code", t -> !t.isEmpty())).isEqualTo("ok");
    assertThat(browser.visible("main").getText())
        .contains("transfer 250 OPEN to", "bank.fee", "bank.transfer", "Fee charged");
    browser.screenshot("transaction");

    browser.go("#/tx/" + chain.daveOverdraft.hash().toHex());
    browser.textWhen("#tx-code", "insufficient_funds"::equals);
    assertThat(browser.visible("main").getText())
        .contains("its message failed", "The fee was charged and the nonce used");

    long height = chain.client.tx(chain.aliceToBob.hash()).orElseThrow().height();
    browser.go("#/block/" + height);
    browser.textWhen("h1", ("Block " + height)::equals);
    assertThat(browser.visible("main").getText())
        .contains(chain.client.block(height).hash().toHex(), "transfer 250 OPEN");
    browser.screenshot("block");

    session.expectFailedLoad("/api/tx/" + "ab".repeat(32), 404);
    browser.go("#/tx/" + "ab".repeat(32));
    browser.textWhen("main [role=alert]", t -> t.contains("knows no transaction"));
  }

  @Test
  void accountPageSignsATransferInTheBrowserWithADevnetKey() {
    KeyPair carol = DashboardFixture.key("carol");
    Amount before = chain.balance(carol);
    browser.open(chain.url() + "/#/account");
    new Select(browser.visible("#devnet-account")).selectByValue("bob");
    browser.visible("#devnet-form button").click();
    String bob = DashboardFixture.key("bob").address().toString();
    browser.textWhen("#signer-address", bob::equals);
    browser.textWhen("#balance", t -> t.equals(open(chain.balance(DashboardFixture.key("bob")))));

    browser.visible("#send-to").sendKeys(carol.address().toString());
    browser.visible("#send-amount").sendKeys("3.25");
    browser.visible("#send-button").click();
    browser.visible("#sent-tx");
    assertThat(chain.balance(carol)).isEqualTo(before.plus(Amount.parse("3.25")));
    browser.screenshot("account");

    browser.visible("#send-to").clear();
    browser.visible("#send-to").sendKeys("ol1notanaddress");
    browser.visible("#send-amount").clear();
    browser.visible("#send-amount").sendKeys("1");
    browser.visible("#send-button").click();
    browser.textWhen("#send-result", t -> t.startsWith("Not sent: invalid address"));
    browser.visible("#key-panel button").click(); // forget the key
    browser.visible("#keyfile-form");
  }

  @Test
  void accountPageUnlocksAnEncryptedKeyFileInTheBrowser() throws Exception {
    KeyPair mine = KeyPair.insecureFromLabel("dashboard-key-file");
    chain.submit(DashboardFixture.key("alice"), new Transfer(mine.address(), Amount.ofOpen(10)));
    Path file = session.dir.resolve("mine.json");
    Files.writeString(
        file, Json.write(KeyFile.encrypt(mine, "correct horse battery".toCharArray(), 2_000)));

    browser.open(chain.url() + "/#/account");
    browser.visible("#keyfile").sendKeys(file.toAbsolutePath().toString());
    browser.visible("#passphrase").sendKeys("wrong passphrase");
    browser.visible("#keyfile-form button[type=submit]").click();
    browser.textWhen("#keyfile-form [role=alert]", t -> t.contains("wrong passphrase"));

    assertThat(browser.visible("#passphrase").getAttribute("value")).isEmpty();
    browser.visible("#passphrase").sendKeys("correct horse battery");
    browser.visible("#keyfile-form button[type=submit]").click();
    browser.textWhen("#signer-address", mine.address().toString()::equals);
    browser.textWhen("#balance", "10 OPEN"::equals);
    browser.visible("#send-to").sendKeys(DashboardFixture.key("alice").address().toString());
    browser.visible("#send-amount").sendKeys("4");
    browser.visible("#send-button").click();
    browser.visible("#sent-tx");
    assertThat(chain.balance(mine)).isEqualTo(Amount.ofOpen(6).minus(TestNode.FEE));
    browser.visible("#key-panel button").click();
  }

  @Test
  void browserCryptographyMatchesTheChainByteForByte() {
    browser.open(chain.url() + "/#/network");
    // RFC 8032 section 7.1, tests 1-3: seed, public key, message, signature
    List<List<String>> rfc =
        List.of(
            List.of(
                "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
                "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
                "",
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
            List.of(
                "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
                "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
                "72",
                "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
            List.of(
                "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
                "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
                "af82",
                "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"));
    for (List<String> v : rfc) {
      KeyPair k = KeyPair.fromSeed(Hex.decode(v.get(0)));
      @SuppressWarnings("unchecked")
      Map<String, Object> got =
          (Map<String, Object>) browser.driver.executeAsyncScript(SIGN_SCRIPT, v.get(0), v.get(2));
      assertThat(got.get("publicKey")).isEqualTo(v.get(1)).isEqualTo(k.publicKey().toHex());
      assertThat(got.get("signature"))
          .isEqualTo(v.get(3))
          .isEqualTo(k.sign(Hex.decode(v.get(2))).toHex());
      assertThat(got.get("address")).isEqualTo(k.address().toString());
      assertThat(got.get("verified")).isEqualTo(true);
    }

    // a transaction with values past 2^53 signed in the browser is the Java encoding, signature and
    // hash
    String label = "dashboard-codec";
    KeyPair k = KeyPair.insecureFromLabel(label);
    String seed =
        Hash.sha256(("openledger-insecure-key:" + label).getBytes(StandardCharsets.UTF_8)).toHex();
    Transfer msg =
        new Transfer(DashboardFixture.key("bob").address(), Amount.parse("999999999.123456789"));
    SignedTransaction java =
        new Transaction(
                "openledger-devnet",
                k.publicKey(),
                9_007_199_254_740_993L,
                Amount.parse("0.00001"),
                msg)
            .sign(k);
    @SuppressWarnings("unchecked")
    Map<String, Object> tx =
        (Map<String, Object>)
            browser.driver.executeAsyncScript(TX_SCRIPT, seed, msg.to().toString());
    assertThat(tx.get("bytes")).isEqualTo(Hex.encode(java.encoded()));
    assertThat(tx.get("hash")).isEqualTo(java.hash().toHex());
    assertThat(tx.get("badAddress")).asString().contains("checksum mismatch");
    assertThat(tx.get("amounts"))
        .isEqualTo(List.of("1", "999999999123456789", "12.5", "0.000000001", "error", "error"));
  }

  private static final String SIGN_SCRIPT =
      """
      const done = arguments[arguments.length - 1];
      (async () => {
        const { signerFromSeed, verify } = await import('/assets/js/sign/ed25519.js');
        const { fromHex, toHex } = await import('/assets/js/sign/bytes.js');
        const { addressOf } = await import('/assets/js/sign/address.js');
        const s = await signerFromSeed(fromHex(arguments[0]));
        const sig = await s.sign(fromHex(arguments[1]));
        done({ publicKey: toHex(s.publicKey), signature: toHex(sig), address: await addressOf(s.publicKey),
               verified: await verify(s.publicKey, sig, fromHex(arguments[1])) });
      })().catch((e) => done({ error: String(e) }));
      """;

  private static final String TX_SCRIPT =
      """
      const done = arguments[arguments.length - 1];
      (async () => {
        const { signerFromSeed } = await import('/assets/js/sign/ed25519.js');
        const { fromHex, toHex } = await import('/assets/js/sign/bytes.js');
        const { messages, signTransaction } = await import('/assets/js/sign/codec.js');
        const { parseOpen } = await import('/assets/js/sign/amount.js');
        const { parseAddress } = await import('/assets/js/sign/address.js');
        const { formatNano } = await import('/assets/js/sign/amount.js');
        const s = await signerFromSeed(fromHex(arguments[0]));
        const tx = await signTransaction(s, { chainId: 'openledger-devnet', nonce: 9007199254740993n, fee: parseOpen('0.00001'),
          message: messages.transfer(arguments[1], parseOpen('999999999.123456789')) });
        let badAddress = '';
        try { parseAddress(arguments[1].slice(0, -1) + (arguments[1].endsWith('q') ? 'p' : 'q')); } catch (e) { badAddress = e.message; }
        const amounts = ['0.000000001', '999999999.123456789', '12.500', '0.000000001', '1.0000000001', '1000000001']
          .map((a, i) => { try { const n = parseOpen(a); return i === 0 ? String(n) : i === 1 ? String(n) : formatNano(n); } catch { return 'error'; } });
        done({ bytes: toHex(tx.bytes), hash: tx.hash, badAddress, amounts });
      })().catch((e) => done({ error: String(e) }));
      """;

  @Test
  void everyMessageTheDashboardSignsHasTheJavaEncoding() {
    browser.open(chain.url() + "/#/network");
    String label = "dashboard-messages";
    KeyPair k = KeyPair.insecureFromLabel(label);
    String seed =
        Hash.sha256(("openledger-insecure-key:" + label).getBytes(StandardCharsets.UTF_8)).toHex();
    Hash datanet = Hash.sha256("datanet".getBytes(StandardCharsets.UTF_8));
    Hash contribution = Hash.sha256("contribution".getBytes(StandardCharsets.UTF_8));
    Hash content = Hash.sha256("content".getBytes(StandardCharsets.UTF_8));
    String bob = DashboardFixture.key("bob").address().toString();
    List<Message> java =
        List.of(
            new UpdateBankParams(
                new BankParams(new FeeSplit(4_500, 2_500, 1_500, 1_000, 500), 2_000)),
            new Stake(3, Purpose.PROVIDER, Amount.ofNano(12_345_678_901_234L)),
            new Unstake(300),
            new Withdraw(1L << 40),
            new Delegate(DashboardFixture.key("bob").address()),
            new Propose(
                List.of(
                    new UpdateGovParams(
                        new GovParams(1, 600, Amount.parse("100.5"), 3_000, 1, 3_600)),
                    new ApproveModel("press-lora", 70_000)),
                "d\u00e9sc \u2713"),
            new Vote(2, VoteSupport.ABSTAIN, "why"),
            new Vote(2, VoteSupport.AGAINST, ""),
            new Queue(2),
            new Execute(1L << 35),
            new SubmitContribution(
                datanet,
                contribution,
                content,
                5_242_880,
                70_000,
                1_000_000,
                "ca01 \u00e9.txt",
                "txt"),
            new ReviewContribution(contribution, false, "copy"),
            new OpenPaymentChannel(DashboardFixture.key("bob").address(), Amount.parse("2.5")),
            new TopUpChannel(contribution, Amount.ofNano((1L << 54) + 3)),
            new CloseChannel(contribution),
            new WithdrawChannel(datanet),
            new BindApiKey(content),
            new UnbindApiKey(datanet));
    @SuppressWarnings("unchecked")
    List<String> got =
        (List<String>)
            browser.driver.executeAsyncScript(
                MESSAGES_SCRIPT, seed, bob, datanet.toHex(), contribution.toHex(), content.toHex());
    assertThat(got).hasSize(java.size());
    for (int i = 0; i < java.size(); i++) {
      SignedTransaction expected =
          new Transaction(
                  "openledger-devnet", k.publicKey(), i, Amount.parse("0.00001"), java.get(i))
              .sign(k);
      assertThat(got.get(i))
          .as(java.get(i).type().name())
          .isEqualTo(Hex.encode(expected.encoded()));
    }
  }

  private static final String MESSAGES_SCRIPT =
      """
      const done = arguments[arguments.length - 1];
      const [seed, bob, datanet, contribution, content] = arguments;
      (async () => {
        const { signerFromSeed } = await import('/assets/js/sign/ed25519.js');
        const { fromHex, toHex } = await import('/assets/js/sign/bytes.js');
        const { messages: m, signTransaction } = await import('/assets/js/sign/codec.js');
        const { parseOpen } = await import('/assets/js/sign/amount.js');
        const s = await signerFromSeed(fromHex(seed));
        const list = [
          m.updateBankParams({ inferenceFeeSplit: { contributorsBps: 4500, developerBps: 2500, providerBps: 1500, stakersBps: 1000, treasuryBps: 500 }, txFeeStakersBps: 2000 }),
          m.stake(3, 'provider', 12345678901234n),
          m.unstake(300),
          m.withdraw(2n ** 40n),
          m.delegate(bob),
          m.propose([m.updateGovParams({ votingDelaySeconds: 1, votingPeriodSeconds: 600, proposalThresholdNano: parseOpen('100.5'), quorumBps: 3000,
            timelockSeconds: 1, gracePeriodSeconds: 3600 }), m.approveModel('press-lora', 70000)], 'd\u00e9sc \u2713'),
          m.vote(2, 'abstain', 'why'),
          m.vote(2, 'against', ''),
          m.queue(2),
          m.execute(2n ** 35n),
          m.submitContribution({ datanetId: datanet, contributionId: contribution, contentHash: content, bytes: 5242880, rows: 70000, scorePpm: 1000000,
            fileName: 'ca01 \u00e9.txt', fileType: 'txt' }),
          m.reviewContribution(contribution, false, 'copy'),
          m.openChannel(bob, parseOpen('2.5')),
          m.topUpChannel(contribution, 2n ** 54n + 3n),
          m.closeChannel(contribution),
          m.withdrawChannel(datanet),
          m.bindApiKey(content),
          m.unbindApiKey(datanet),
        ];
        const out = [];
        for (let i = 0; i < list.length; i++) {
          out.push(toHex((await signTransaction(s, { chainId: 'openledger-devnet', nonce: i, fee: parseOpen('0.00001'), message: list[i] })).bytes));
        }
        done(out);
      })().catch((e) => done([String(e)]));
      """;

  @Test
  void
      playgroundStreamsAnAnswerSettledAndAttributedOnChainAndTheContributorsAccountListsItsReward() {
    browser.open(chain.url() + "/#/playground");
    assertThat(browser.driver.findElements(By.cssSelector("#nav a[data-page=playground]")))
        .hasSize(1);
    WebElement key = browser.visible("#api-key");
    key.clear();
    key.sendKeys(DashboardFixture.API_KEY);
    browser.visible("#api-key-form button").click();
    new Select(browser.visible("#model")).selectByValue(DashboardSeed.TRAINED);
    browser.visible("#prompt").sendKeys("Who wrote to the committee?");
    WebElement maxTokens = browser.visible("#max-tokens");
    maxTokens.clear();
    maxTokens.sendKeys("24");
    WebElement temperature = browser.visible("#temperature");
    temperature.clear();
    temperature.sendKeys("0");
    browser.visible("#send-prompt").click();
    WebElement check = browser.visible("#receipt-check");
    assertThat(check.getText()).startsWith("✓");
    WebElement answer = browser.visible(".answer");
    assertThat(Integer.parseInt(answer.getAttribute("data-chunks")))
        .as("pieces of text streamed")
        .isGreaterThan(1);
    assertThat(answer.getText()).isNotBlank();
    assertThat(browser.visible("#receipt-cost").getText()).matches("Cost: 0\\.\\d+ OPEN");
    assertThat(browser.visible(".receipt").getText())
        .contains(
            "Tokens", "per token", DashboardFixture.PROVIDER.address().toString().substring(0, 8));
    // the provider settles the receipt within a few seconds; the chain checks it against the
    // batch's root
    String settled = browser.textWhen("#receipt-settled", t -> !t.isEmpty());
    assertThat(settled)
        .startsWith("✓ Settled on chain in block")
        .contains("checked this very receipt", "data contributors' pool");

    // then the provider's node attributes the answer and pays its contributors on chain; the page
    // follows it
    String status =
        browser.textWhen(
            ".attribution .attribution-status",
            t -> !t.startsWith("Attributing"),
            ATTRIBUTION_WAIT);
    String request = browser.visible(".attribution").getAttribute("data-request");
    AttributionView v = new AttributionClient(chain.client).show(request).orElseThrow();
    assertThat(v.onChain())
        .as("the chain paid the attribution of %s (%s)", request, v.status())
        .hasSize(1);
    OnChainView paid = v.onChain().get(0);
    RecordView rec = v.record().orElseThrow();
    assertThat(status)
        .startsWith(
            String.format(
                java.util.Locale.ROOT, "✓ Attributed on chain in block %,d", paid.height()))
        .contains(BrowserTestBase.open(paid.toContributors()));
    // Press v1 holds bob's file only: he is the one contributor, with his share and what the chain
    // paid him
    assertThat(rec.contributors())
        .extracting(ContributorView::contributor)
        .containsExactly(DashboardFixture.key("bob").address());
    String contributors = browser.visible(".attribution-contributors tbody").getText();
    PayoutView bob = paid.payouts().get(0);
    assertThat(contributors)
        .contains(
            shortAddress(bob.contributor()),
            String.format("%.1f%%", rec.contributors().get(0).share() * 100),
            BrowserTestBase.open(bob.paid()));
    assertThat(browser.visible(".attribution-datanets tbody").getText())
        .contains(DashboardSeed.PRESS);
    assertThat(browser.visible(".attribution-pool").getText())
        .isEqualTo(BrowserTestBase.open(paid.pool()));
    // the answer with its verbatim spans marked, each credited to its owner
    List<WebElement> marks = browser.driver.findElements(By.cssSelector(".attributed-answer mark"));
    assertThat(rec.spans()).as("verbatim spans of %s", rec.response()).isNotEmpty();
    assertThat(marks)
        .hasSize((int) rec.highlighted().stream().filter(seg -> seg.span() >= 0).count());
    assertThat(marks.get(0).getAttribute("title")).contains(rec.spans().get(0).owner().toString());
    assertThat(browser.visible(".attribution-spans tbody").getText())
        .contains(rec.spans().get(0).text().strip(), shortAddress(rec.spans().get(0).owner()));
    browser.screenshot("playground");
    browser.setWidth(390, 844);
    try {
      assertNoSidewaysScroll("playground with an attribution");
      browser.screenshot("playground-attribution-phone");
    } finally {
      browser.setWidth(1280, 1000);
    }

    // the contributor's Account page lists this answer among its rewards, and the totals are the
    // chain's
    Address contributor = bob.contributor();
    browser.go("#/account/" + contributor);
    AttributionClient attribution = new AttributionClient(chain.client);
    browser.textWhen(
        "#earnings-total",
        t -> t.equals(BrowserTestBase.open(attribution.earnings(contributor, 20).totals().paid())));
    String perInference = browser.textWhen("#earnings-inferences tbody", t -> t.contains(request));
    assertThat(perInference)
        .contains(DashboardSeed.TRAINED + " v1", BrowserTestBase.open(bob.paid()));
    assertThat(browser.visible("#earnings-datanets tbody").getText()).contains(DashboardSeed.PRESS);
    browser.screenshot("account-earnings");

    // the provider's Account page says what it earned serving, as the chain counts it
    Address provider = DashboardFixture.PROVIDER.address();
    EconomyClient economy = new EconomyClient(chain.client);
    browser.go("#/account/" + provider);
    browser.textWhen(
        "#role-earnings-provider",
        t -> t.equals(BrowserTestBase.open(economy.rewards(provider).byKind().get("provider"))));
    assertThat(economy.rewards(provider).byKind().get("provider")).isGreaterThan(Amount.ZERO);
    assertThat(browser.driver.findElements(By.id("developed-models")))
        .as("the provider developed no model")
        .isEmpty();
    // and the model's developer sees the model with its paid answers
    Address developer =
        new ModelClient(chain.client)
            .model(DashboardSeed.TRAINED, Optional.of(1))
            .orElseThrow()
            .developer();
    browser.go("#/account/" + developer);
    String developed =
        browser.textWhen("#developed-models tbody", t -> t.contains(DashboardSeed.TRAINED + " v1"));
    AccountRewardsView.DevelopedModel m =
        economy.rewards(developer).developed().stream()
            .filter(d -> d.name().equals(DashboardSeed.TRAINED))
            .findFirst()
            .orElseThrow();
    assertThat(m.inferences()).isPositive();
    assertThat(developed).contains("approved", BrowserTestBase.open(m.fees()));
    browser.textWhen(
        "#role-earnings-developer",
        t -> t.equals(BrowserTestBase.open(economy.rewards(developer).byKind().get("developer"))));
    browser.screenshot("account-role-earnings");
  }

  private static String shortAddress(Address a) {
    String s = a.toString();
    return s.substring(0, 8) + "…" + s.substring(s.length() - 6);
  }

  @Test
  void aNodeWithoutServingListsNoPlayground() {
    try (TestNode plain = new TestNode(session.dir.resolve("plain-node"))) {
      session.expectFailedLoad(plain.url(), "/v1/models", 404);
      browser.open(plain.url() + "/#/playground");
      assertThat(
              browser.driver.findElements(By.cssSelector("#nav a")).stream()
                  .map(WebElement::getText)
                  .toList())
          .containsExactly("Network", "Datanets", "Models", "Governance", "Account");
      browser.textWhen("main [role=alert]", t -> t.contains("no page \"playground\""));
      browser.go("#/network");
      browser.textWhen("#tile-height", "0"::equals);
      // leave before the node stops, or the page's polling would log refused connections
      browser.driver.get("about:blank");
    }
  }

  @Test
  void pagesFitAPhoneScreen() {
    browser.setWidth(390, 844);
    try {
      browser.open(chain.url() + "/#/network");
      Map<String, String> pages = new LinkedHashMap<>();
      pages.put("network", "#concentration-stake .gini");
      pages.put("datanets", ".datanet-link");
      pages.put("datanet/" + data.press.toHex(), "#contribution-table tbody a");
      pages.put("models", ".model-link");
      pages.put("model/" + DashboardSeed.TRAINED + "/1", "#lineage .lineage-adapter");
      pages.put("job/" + data.trainingJob, "#loss-curve svg");
      pages.put("governance", ".proposal-link");
      pages.put("proposal/" + DashboardSeed.OPEN_PROPOSAL, "#proposal-tally svg");
      pages.put("account/" + DashboardFixture.key("alice").address(), "#staked");
      pages.put("tx/" + chain.aliceToBob.hash().toHex(), "#tx-code");
      pages.put("playground", "#api-key");
      for (Map.Entry<String, String> page : pages.entrySet()) {
        browser.go("#/" + page.getKey());
        browser.visible(page.getValue());
        String name = page.getKey().replaceAll("/.*", "");
        assertNoSidewaysScroll(name);
        browser.screenshot(name + "-phone");
      }
    } finally {
      browser.setWidth(1280, 1000);
    }
  }
}
