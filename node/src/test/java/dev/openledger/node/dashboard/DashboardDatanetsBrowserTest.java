package dev.openledger.node.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.KeyPair;
import dev.openledger.ledger.datanet.ContributionStatus;
import dev.openledger.ledger.datanet.DatanetIds;
import dev.openledger.core.crypto.Hash;
import dev.openledger.node.client.DatanetClient;
import dev.openledger.node.datanet.ContributionView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The datanet pages in the browser: the list, a datanet's description (markdown shown safely: its HTML
 * and script links stay text), versions, contributions with status and scores, and leaderboard; a file
 * uploaded and signed in the browser lands on chain and appears among the contributions; a copy is refused
 * with a pointer to the original; the owner approves a contribution from the page.
 */
class DashboardDatanetsBrowserTest extends BrowserTestBase {

  @Test
  void datanetListAndDetailShowTheChainsRecords() {
    browser.open(chain.url() + "/#/datanets");
    String list = browser.textWhen("main table tbody", t -> t.contains(DashboardSeed.HUMOR));
    assertThat(list).contains(DashboardSeed.PRESS, "News stories from 1961 American newspapers", "v1", "none yet");
    browser.screenshot("datanets");

    browser.driver.findElement(By.linkText(DashboardSeed.PRESS)).click();
    browser.textWhen("h1", DashboardSeed.PRESS::equals);
    String versions = browser.textWhen("#versions tbody", t -> t.contains("v1"));
    assertThat(versions).contains("67", "JSONL");
    String scoreOfBob = String.format("%.3f", data.bobPress.scorePpm() / 1e6);
    String contributions = browser.textWhen("#contribution-table tbody", t -> t.contains("ca02.txt"));
    assertThat(contributions).contains("ca01.txt", "accepted", scoreOfBob, "on topic", "rejected", "same reporter twice");
    String leaderboard = browser.textWhen("#leaderboard tbody", t -> !t.isBlank());
    assertThat(leaderboard.lines().findFirst().orElseThrow()).startsWith("1").contains(shortAddress(DashboardFixture.key("bob").address().toString()));

    // the description's markdown, with its HTML shown as text and no script run
    WebElement description = browser.visible("#datanet-description");
    assertThat(description.findElement(By.tagName("h3")).getText()).isEqualTo(DashboardSeed.PRESS);
    assertThat(description.findElement(By.tagName("strong")).getText()).isEqualTo("1961");
    assertThat(description.findElements(By.tagName("li"))).hasSize(2);
    WebElement link = description.findElement(By.linkText("about it"));
    assertThat(link.getAttribute("href")).isEqualTo("https://en.wikipedia.org/wiki/Brown_Corpus");
    assertThat(link.getAttribute("rel")).contains("noopener");
    assertThat(description.findElements(By.cssSelector("script, img, iframe"))).isEmpty();
    assertThat(description.findElements(By.cssSelector("a"))).hasSize(1);
    assertThat(description.getText()).contains("<script>window.pwned = 1</script>", "<img src=\"x\" onerror=", "bad link (javascript:window.pwned=3)");
    assertThat(browser.driver.executeScript("return window.pwned === undefined")).isEqualTo(true);
    browser.screenshot("datanet");

    browser.driver.findElement(By.linkText("ca01.txt")).click();
    String one = browser.textWhen("#contribution-status", t -> !t.isEmpty());
    assertThat(one).isEqualTo("accepted");
    assertThat(browser.visible("main").getText()).contains(scoreOfBob, data.bobPress.contentHash().toHex(), "on topic");
  }

  @Test
  void aFileSignedInTheBrowserLandsOnChainAndACopyIsRefusedWithAPointer() throws Exception {
    KeyPair dave = DashboardFixture.key("dave");
    Path copy = session.dir.resolve("my-news.txt");
    Files.write(copy, data.brown("ca01"));
    Path fresh = session.dir.resolve("ca03.txt");
    Files.write(fresh, data.brown("ca03"));

    browser.open(chain.url() + "/#/datanet/" + data.press.toHex());
    useDevnetKey("dave");
    browser.textWhen("#contribution-usage", t -> t.contains("Today you have contributed"));

    // a copy of bob's file: refused at upload, nothing signed, with a link to bob's contribution
    browser.visible("#contribution-file").sendKeys(copy.toAbsolutePath().toString());
    browser.visible("#contribute-button").click();
    String refused = browser.textWhen("#contribution-rejected", t -> t.contains("refused"));
    assertThat(refused).contains("my-news.txt was refused (no_accepted_rows)", "Nothing was stored or signed", "duplicate");
    WebElement original = browser.visible("#contribution-rejected .original-link");
    assertThat(original.getAttribute("href")).endsWith("#/datanet/" + data.press.toHex() + "/contribution/" + data.bobPress.contributionId().toHex());
    browser.screenshot("datanet-copy-refused");

    // a new file: validated, the message checked and signed here, committed, listed
    browser.visible("#contribution-file").sendKeys(fresh.toAbsolutePath().toString());
    browser.visible("#contribute-button").click();
    browser.visible("#contribution-link");
    assertThat(browser.visible("#validation-summary").getText()).contains("ca03.txt:", "rows accepted", "checked that it names your file");
    assertThat(browser.visible("#contribution-result").getText()).contains("Recorded on chain: ca03.txt is pending");
    Hash id = DatanetIds.contribution(data.press, dave.address(), Hash.sha256(data.brown("ca03")));
    ContributionView onChain = new DatanetClient(chain.client).contribution(data.press.toHex(), id).orElseThrow();
    assertThat(onChain.submitter()).isEqualTo(dave.address());
    assertThat(onChain.status()).isEqualTo(ContributionStatus.PENDING);
    assertThat(onChain.fileName()).isEqualTo("ca03.txt");
    browser.textWhen("#contribution-table tbody", t -> t.contains("ca03.txt") && t.contains("pending"));
    browser.screenshot("datanet-contributed");

    // the owner approves it from the table
    forgetKey();
    useDevnetKey("alice");
    browser.visible("#contribution-table .review-form");
    browser.retrying(() -> {
      WebElement row = browser.driver.findElements(By.cssSelector("#contribution-table tbody tr")).stream()
          .filter(r -> r.getText().contains("ca03.txt")).findFirst().orElseThrow();
      WebElement reason = row.findElement(By.cssSelector(".review-reason"));
      reason.clear();
      reason.sendKeys("a third reporter");
      row.findElement(By.cssSelector("button.approve")).click();
    });
    browser.textWhen("#contribution-table tbody", t -> t.contains("a third reporter"));
    assertThat(new DatanetClient(chain.client).contribution(data.press.toHex(), id).map(ContributionView::status)).isEqualTo(Optional.of(ContributionStatus.ACCEPTED));
    forgetKey();
  }

  static String shortAddress(String a) {
    return a.substring(0, 8) + "…" + a.substring(a.length() - 6);
  }
}
