package dev.openledger.node.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.node.TestNode;
import dev.openledger.node.client.PaymentClient;
import dev.openledger.node.payment.PaymentViews.ChannelView;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

/**
 * Paid inference from the browser alone: a user opens a payment channel to the serving provider, tops it up
 * and creates an API key on the Account page (all signed in the browser; only the key's hash goes on chain),
 * asks the fine-tuned model in the Playground, sees the answer's receipt settled on chain and checked by the chain,
 * finds the settled batch on the Network page and the charge on the channel, then closes the channel, takes back
 * what is left after the close timeout and unbinds the key.
 */
class DashboardPaymentsBrowserTest extends BrowserTestBase {

  @Test
  void aUserOpensAChannelCreatesAKeyAndPaysForAnAnswerFromTheBrowser() throws InterruptedException {
    KeyPair bob = DashboardFixture.key("bob");
    PaymentClient payments = new PaymentClient(chain.client);
    browser.open(chain.url() + "/#/account/" + bob.address());
    useDevnetKey("bob");
    browser.visible("#channel-provider").sendKeys(DashboardFixture.PROVIDER.address().toString());
    browser.visible("#channel-deposit").sendKeys("2");
    browser.visible("#channel-open-button").click();
    browser.textWhen("#payment-result", t -> t.startsWith("Channel opened"));
    ChannelView channel = payments.activeChannel(bob.address(), DashboardFixture.PROVIDER.address()).orElseThrow();
    assertThat(channel.deposit()).isEqualTo(Amount.ofOpen(2));
    assertThat(channel.status()).isEqualTo("open");
    browser.textWhen("#channels tbody", t -> t.contains("pays") && t.contains("2 OPEN") && t.contains("open"));

    browser.visible("#channel-topup").sendKeys("1.5");
    browser.visible("#channel-topup-button").click();
    browser.textWhen("#payment-result", t -> t.startsWith("Topped up"));
    assertThat(payments.channel(channel.id()).orElseThrow().deposit()).isEqualTo(Amount.parse("3.5"));

    browser.visible("#api-key-create").click();
    String key = browser.textWhen("#api-key-value", t -> t.startsWith("olk-"));
    assertThat(key).matches("olk-[0-9a-f]{64}");
    assertThat(payments.key(Hash.sha256(key.getBytes(StandardCharsets.UTF_8)))).hasValueSatisfying(k -> assertThat(k.account()).isEqualTo(bob.address()));
    browser.screenshot("account-payments");

    // the key goes with the tab to the Playground, which connects with it
    browser.visible("#api-key-use").click();
    new Select(browser.visible("#model")).selectByValue(DashboardSeed.TRAINED);
    browser.visible("#prompt").sendKeys("The jury said");
    browser.visible("#send-prompt").click();
    assertThat(browser.visible("#receipt-check").getText()).startsWith("✓");
    assertThat(browser.textWhen("#receipt-settled", t -> !t.isEmpty())).startsWith("✓ Settled on chain");
    ChannelView charged = payments.channel(channel.id()).orElseThrow();
    assertThat(charged.settledCharged()).isGreaterThan(Amount.ZERO);
    assertThat(charged.remaining()).isEqualTo(Amount.parse("3.5").minus(charged.settledCharged()));

    browser.go("#/network");
    browser.textWhen("#batches tbody", t -> t.contains(DashboardSeed.TRAINED + " v1"));
    browser.go("#/account/" + bob.address());
    browser.textWhen("#channels tbody", t -> t.contains(BrowserTestBase.open(charged.settledCharged())));

    browser.visible("#channel-close-button").click();
    browser.textWhen("#payment-result", t -> t.startsWith("Closing"));
    ChannelView closing = payments.channel(channel.id()).orElseThrow();
    assertThat(closing.status()).isEqualTo("closing");
    browser.textWhen("#channels tbody", t -> t.contains("closing"));

    // after the close timeout the payer takes back what was not charged, to the nano-OPEN
    Thread.sleep(Math.max(0, closing.closesAtMillis() - System.currentTimeMillis() + 200));
    Amount before = chain.balance(bob);
    browser.visible("#channel-withdraw-button").click();
    browser.textWhen("#payment-result", t -> t.startsWith("Withdrawn"));
    assertThat(payments.channel(channel.id()).orElseThrow().status()).isEqualTo("closed");
    assertThat(chain.balance(bob)).isEqualTo(before.plus(closing.remaining()).minus(TestNode.FEE));
    browser.textWhen("#channels tbody", t -> t.contains("closed"));

    // the key is unbound from the browser: it no longer pays for anything
    browser.visible("#api-key-unbind").sendKeys(key);
    browser.visible("#api-key-unbind-form button").click();
    browser.textWhen("#payment-result", t -> t.startsWith("API key unbound"));
    assertThat(payments.key(Hash.sha256(key.getBytes(StandardCharsets.UTF_8)))).isEmpty();
    forgetKey();
    browser.driver.executeScript("sessionStorage.clear()");
  }
}
