package dev.openledger.node.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.money.Amount;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * A class of dashboard browser tests: the shared node and browser ({@link DashboardSession}), the console
 * checked after each test, and the browser sent to a blank page after the class, so that no page keeps
 * polling the node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(DashboardSession.Resolver.class)
abstract class BrowserTestBase {
  DashboardSession session;
  DashboardFixture chain;
  DashboardSeed data;
  HeadlessChromium browser;

  @BeforeAll
  void useSession(DashboardSession s) {
    session = s;
    chain = s.chain;
    data = s.data;
    browser = s.browser;
  }

  @AfterEach
  void consoleIsClean(TestInfo test) {
    session.assertConsoleClean(test.getDisplayName());
  }

  @AfterAll
  void leave() {
    if (browser != null) {
      browser.driver.get("about:blank");
    }
  }

  /** Loads a devnet account's key into the page's key panel (forgetting any key loaded before). */
  void useDevnetKey(String name) {
    if (!browser.driver.findElements(By.id("signer-address")).isEmpty()) {
      forgetKey();
    }
    new Select(browser.visible("#devnet-account")).selectByValue(name);
    browser.visible("#devnet-form button").click();
    browser.textWhen("#signer-address", DashboardFixture.key(name).address().toString()::equals);
  }

  /** Presses "Forget this key". */
  void forgetKey() {
    browser.visible("#key-panel button").click();
    browser.visible("#keyfile-form");
  }

  void assertNoSidewaysScroll(String page) {
    Object overflow = browser.driver.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
    assertThat(((Number) overflow).longValue()).as("%s page wider than a phone screen by", page).isLessThanOrEqualTo(0);
  }

  /** How the dashboard writes an amount: digits grouped by three, "OPEN" after. */
  static String open(Amount a) {
    String plain = a.toPlainString();
    int dot = plain.indexOf('.');
    String whole = dot < 0 ? plain : plain.substring(0, dot);
    return whole.replaceAll("\\B(?=(\\d{3})+(?!\\d))", ",") + (dot < 0 ? "" : plain.substring(dot)) + " OPEN";
  }
}
