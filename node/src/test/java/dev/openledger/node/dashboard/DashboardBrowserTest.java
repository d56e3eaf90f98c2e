package dev.openledger.node.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.Hex;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.json.Json;
import dev.openledger.core.keystore.KeyFile;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.Transaction;
import dev.openledger.node.TestNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in headless Chromium against a real node on a loopback port: each page loads without
 * console errors and shows the node's data, transfers signed in the browser (devnet key and encrypted key
 * file) commit on the chain, the browser's Ed25519 and transaction encoding match the Java code byte for
 * byte, and the playground streams an answer with a receipt verified in the browser. Screenshots of every
 * page go to target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {
  private Path dir;
  private DashboardFixture chain;
  private HeadlessChromium browser;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    dir = tmp;
    chain = new DashboardFixture(dir);
    chain.seed();
    browser = HeadlessChromium.start(dir.resolve("profile"));
  }

  @AfterAll
  void stop() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (chain != null) {
        chain.close();
      }
    }
  }

  /**
   * Every test must leave the console free of errors. Chromium logs every HTTP error answer to fetch() as a
   * failed load; the only ones allowed are the shell's probe (GET /v1/models without a key: 401 means the
   * node serves models) and those a test provokes on purpose and lists in {@link #expectFailedLoad}.
   */
  @AfterEach
  void consoleIsClean(TestInfo test) {
    expectFailedLoad("/v1/models", 401);
    List<LogEntry> errors = browser.consoleErrors().stream().filter(e -> expectedLoads.stream().noneMatch(e.getMessage()::startsWith)).toList();
    expectedLoads.clear();
    assertThat(errors).as("console errors during %s", test.getDisplayName()).isEmpty();
  }

  private final List<String> expectedLoads = new ArrayList<>();

  /** An error answer the test asks for on purpose: Chromium's log line for it is not a page error. */
  private void expectFailedLoad(String path, int status) {
    expectedLoads.add(chain.url() + path + " - Failed to load resource: the server responded with a status of " + status + " ");
  }

  @Test
  void networkPageShowsTheChainAndFollowsNewBlocks() {
    browser.open(chain.url() + "/#/network");
    long height = chain.client.status().height();
    browser.textWhen("#tile-height", t -> t.equals(String.valueOf(height)));
    assertThat(browser.visible("#tile-chain").getText()).isEqualTo("openledger-devnet");
    String txs = browser.textWhen("#recent-txs tbody", t -> t.contains("burn 25 OPEN"));
    assertThat(txs).contains("transfer 250 OPEN", "insufficient_funds");
    assertThat(browser.visible("#supply").getText()).contains("Burned", "25 OPEN", "community", "1,000,000,000 OPEN");
    assertThat(browser.driver.findElements(By.cssSelector("#block-charts svg[role=img]"))).hasSize(2);
    assertThat(browser.driver.findElements(By.cssSelector("#block-charts rect.bar"))).hasSize((int) height);
    assertThat(browser.driver.findElement(By.cssSelector("#block-charts path.line")).getAttribute("d")).matches("M[0-9.]+,[0-9.]+(L[0-9.]+,[0-9.]+)+");
    assertThat(browser.driver.findElements(By.cssSelector("#supply rect.share"))).hasSize(chain.client.supply().moduleAccounts().size() + 1);

    SignedTransaction fresh = chain.submit(DashboardFixture.key("alice"), new Transfer(DashboardFixture.key("dave").address(), Amount.parse("7.125")));
    long newHeight = chain.client.status().height();
    browser.textWhen("#tile-height", t -> t.equals(String.valueOf(newHeight)));
    browser.textWhen("#recent-txs tbody", t -> t.contains("transfer 7.125 OPEN"));
    assertThat(browser.driver.findElement(By.cssSelector("#recent-txs tbody a[href='#/tx/" + fresh.hash().toHex() + "']")).isDisplayed()).isTrue();
    browser.screenshot("network");
  }

  @Test
  void blockAndTransactionPagesExplainWhatHappened() {
    browser.open(chain.url() + "/#/tx/" + chain.aliceToBob.hash().toHex());
    assertThat(browser.textWhen("#tx-code", t -> !t.isEmpty())).isEqualTo("ok");
    assertThat(browser.visible("main").getText()).contains("transfer 250 OPEN to", "bank.fee", "bank.transfer", "Fee charged");
    browser.screenshot("transaction");

    browser.go("#/tx/" + chain.daveOverdraft.hash().toHex());
    browser.textWhen("#tx-code", "insufficient_funds"::equals);
    assertThat(browser.visible("main").getText()).contains("its message failed", "The fee was charged and the nonce used");

    long height = chain.client.tx(chain.aliceToBob.hash()).orElseThrow().height();
    browser.go("#/block/" + height);
    browser.textWhen("h1", ("Block " + height)::equals);
    assertThat(browser.visible("main").getText()).contains(chain.client.block(height).hash().toHex(), "transfer 250 OPEN");
    browser.screenshot("block");

    expectFailedLoad("/api/tx/" + "ab".repeat(32), 404);
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
    browser.textWhen("#balance", t -> t.equals(groupDigits(chain.balance(DashboardFixture.key("bob"))) + " OPEN"));

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
    Path file = dir.resolve("mine.json");
    Files.writeString(file, Json.write(KeyFile.encrypt(mine, "correct horse battery".toCharArray(), 2_000)));

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
    List<List<String>> rfc = List.of(
        List.of("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
        List.of("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb", "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
        List.of("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7", "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"));
    for (List<String> v : rfc) {
      KeyPair k = KeyPair.fromSeed(Hex.decode(v.get(0)));
      @SuppressWarnings("unchecked")
      Map<String, Object> got = (Map<String, Object>) browser.driver.executeAsyncScript(SIGN_SCRIPT, v.get(0), v.get(2));
      assertThat(got.get("publicKey")).isEqualTo(v.get(1)).isEqualTo(k.publicKey().toHex());
      assertThat(got.get("signature")).isEqualTo(v.get(3)).isEqualTo(k.sign(Hex.decode(v.get(2))).toHex());
      assertThat(got.get("address")).isEqualTo(k.address().toString());
      assertThat(got.get("verified")).isEqualTo(true);
    }

    // a transaction with values past 2^53 signed in the browser is the Java encoding, signature and hash
    String label = "dashboard-codec";
    KeyPair k = KeyPair.insecureFromLabel(label);
    String seed = Hash.sha256(("openledger-insecure-key:" + label).getBytes(StandardCharsets.UTF_8)).toHex();
    Transfer msg = new Transfer(DashboardFixture.key("bob").address(), Amount.parse("999999999.123456789"));
    SignedTransaction java = new Transaction("openledger-devnet", k.publicKey(), 9_007_199_254_740_993L, Amount.parse("0.00001"), msg).sign(k);
    @SuppressWarnings("unchecked")
    Map<String, Object> tx = (Map<String, Object>) browser.driver.executeAsyncScript(TX_SCRIPT, seed, msg.to().toString());
    assertThat(tx.get("bytes")).isEqualTo(Hex.encode(java.encoded()));
    assertThat(tx.get("hash")).isEqualTo(java.hash().toHex());
    assertThat(tx.get("badAddress")).asString().contains("checksum mismatch");
    assertThat(tx.get("amounts")).isEqualTo(List.of("1", "999999999123456789", "12.5", "0.000000001", "error", "error"));
  }

  private static final String SIGN_SCRIPT = """
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

  private static final String TX_SCRIPT = """
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
  void playgroundStreamsAnAnswerWithAReceiptVerifiedInTheBrowser() {
    browser.open(chain.url() + "/#/playground");
    assertThat(browser.driver.findElements(By.cssSelector("#nav a[data-page=playground]"))).hasSize(1);
    browser.visible("#api-key").sendKeys(DashboardFixture.API_KEY);
    browser.visible("#api-key-form button").click();
    new Select(browser.visible("#model")).selectByValue(DashboardFixture.MODEL);
    browser.visible("#prompt").sendKeys("Who wrote to the committee?");
    WebElement maxTokens = browser.visible("#max-tokens");
    maxTokens.clear();
    maxTokens.sendKeys("24");
    browser.visible("#send-prompt").click();
    WebElement check = browser.visible("#receipt-check");
    assertThat(check.getText()).startsWith("✓");
    WebElement answer = browser.visible(".answer");
    assertThat(Integer.parseInt(answer.getAttribute("data-chunks"))).as("pieces of text streamed").isGreaterThan(1);
    assertThat(answer.getText()).isNotBlank();
    assertThat(browser.visible("#receipt-cost").getText()).matches("Cost: 0\\.0000\\d+ OPEN");
    assertThat(browser.visible(".receipt").getText()).contains("Tokens", "per token", chain.serving.provider().toString().substring(0, 8));
    browser.screenshot("playground");
  }

  @Test
  void aNodeWithoutServingListsNoPlayground() {
    try (TestNode plain = new TestNode(dir.resolve("plain-node"))) {
      expectedLoads.add(plain.url() + "/v1/models - Failed to load resource: the server responded with a status of 404 ");
      browser.open(plain.url() + "/#/playground");
      assertThat(browser.driver.findElements(By.cssSelector("#nav a")).stream().map(WebElement::getText).toList()).containsExactly("Network", "Account");
      browser.textWhen("main [role=alert]", t -> t.contains("no page \"playground\""));
      browser.go("#/network");
      browser.textWhen("#tile-height", "0"::equals);
      browser.driver.get("about:blank"); // leave before the node stops, or the page's polling would log refused connections
    }
  }

  @Test
  void pagesFitAPhoneScreen() {
    browser.setWidth(390, 844);
    try {
      browser.open(chain.url() + "/#/network");
      browser.textWhen("#recent-txs tbody", t -> t.contains("transfer"));
      assertNoSidewaysScroll("network");
      browser.screenshot("network-phone");
      browser.go("#/account/" + DashboardFixture.key("alice").address());
      browser.visible("#balance");
      assertNoSidewaysScroll("account");
      browser.screenshot("account-phone");
      browser.go("#/tx/" + chain.aliceToBob.hash().toHex());
      browser.visible("#tx-code");
      assertNoSidewaysScroll("transaction");
      browser.go("#/playground");
      browser.visible("#api-key");
      assertNoSidewaysScroll("playground");
    } finally {
      browser.setWidth(1280, 1000);
    }
  }

  private void assertNoSidewaysScroll(String page) {
    Object overflow = browser.driver.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
    assertThat(((Number) overflow).longValue()).as("%s page wider than a phone screen by", page).isLessThanOrEqualTo(0);
  }

  private static String groupDigits(Amount a) {
    String plain = a.toPlainString();
    int dot = plain.indexOf('.');
    String whole = dot < 0 ? plain : plain.substring(0, dot);
    return whole.replaceAll("\\B(?=(\\d{3})+(?!\\d))", ",") + (dot < 0 ? "" : plain.substring(dot));
  }
}
