package dev.openledger.node.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.node.api.economy.EconomyView;
import dev.openledger.node.api.economy.GovViews.ProposalView;
import dev.openledger.node.api.economy.StakingViews.StakingAccountView;
import dev.openledger.node.api.economy.StakingViews.UnbondingView;
import dev.openledger.node.TestNode;
import dev.openledger.node.client.EconomyClient;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Governance, staking, vesting and the economy's health figures in the browser: proposals with their
 * state, tally against the quorum and timeline; a vote signed in the browser updates the tally; a proposal
 * made in the browser lands on chain; an account's vesting, stakes with interest, delegation and a stake
 * signed in the browser; the concentration charts on the network page.
 */
class DashboardEconomyBrowserTest extends BrowserTestBase {

  private EconomyClient economy() {
    return new EconomyClient(chain.client);
  }

  @Test
  void proposalsShowStateTallyAndTimelineAndAVoteInTheBrowserUpdatesTheTally() {
    browser.open(chain.url() + "/#/governance");
    String list = browser.textWhen("#proposals tbody", t -> t.contains("#" + DashboardSeed.OPEN_PROPOSAL));
    assertThat(list).contains("executed", "active", "Raise the data contributors' share");
    assertThat(browser.driver.findElements(By.cssSelector("#proposals svg.tally-svg"))).hasSize(2);
    browser.screenshot("governance");

    browser.go("#/proposal/" + DashboardSeed.EXECUTED_PROPOSAL);
    browser.textWhen("#proposal-state", "executed"::equals);
    assertThat(browser.visible("#proposal-timeline").getText()).contains("Proposed", "Voting opens", "Voting closes", "Executable", "Executed");
    assertThat(browser.driver.findElements(By.cssSelector("#proposal-timeline li.done"))).hasSize(5);
    assertThat(browser.visible("main").getText()).contains("approve model " + DashboardSeed.TRAINED + " v1", "gov/update_params", "\"votingPeriodSeconds\": 600");
    assertThat(browser.driver.findElement(By.linkText(DashboardSeed.TRAINED + " v1")).getAttribute("href")).endsWith("#/model/" + DashboardSeed.TRAINED + "/1");

    ProposalView before = economy().proposal(DashboardSeed.OPEN_PROPOSAL).proposal();
    assertThat(before.againstVotes()).isEqualTo(Amount.ZERO);
    browser.go("#/proposal/" + DashboardSeed.OPEN_PROPOSAL);
    browser.textWhen("#proposal-state", "active"::equals);
    assertThat(browser.visible("#tally-for").getText()).isEqualTo(open(before.forVotes()));
    assertThat(browser.visible("#tally-against").getText()).isEqualTo("0 OPEN");
    assertThat(browser.visible("#proposal-tally").getText()).contains("Quorum (For + Abstain)", open(before.quorum()));
    assertThat(browser.driver.findElements(By.cssSelector("#proposal-timeline li.done"))).hasSize(2);
    useDevnetKey("bob");
    browser.textWhen("#vote-power", t -> t.contains("1,000 OPEN"));
    browser.visible("#vote-against").click();
    browser.visible("#vote-reason").sendKeys("the developers need it more");
    browser.visible("#vote-button").click();
    browser.textWhen("#vote-result", t -> t.startsWith("Voted against"));
    browser.textWhen("#tally-against", "1,000 OPEN"::equals);
    ProposalView after = economy().proposal(DashboardSeed.OPEN_PROPOSAL).proposal();
    assertThat(after.againstVotes()).isEqualTo(Amount.ofOpen(1000));
    assertThat(browser.visible("#proposal-votes").getText()).contains("against", "1,000 OPEN");
    browser.screenshot("proposal");
    forgetKey();
  }

  @Test
  void aProposalMadeInTheBrowserLandsOnChain() {
    browser.open(chain.url() + "/#/governance");
    useDevnetKey("alice");
    browser.textWhen("#proposal-power", t -> t.contains("Your voting power: 2,500 OPEN"));
    WebElement quorum = browser.visible("#gov-quorum");
    quorum.clear();
    quorum.sendKeys("3000");
    browser.visible("#proposal-description").sendKeys("A 30% quorum");
    browser.visible("#propose-button").click();
    browser.visible("#new-proposal-link").click();
    browser.textWhen("main h1", t -> t.startsWith("Proposal #"));
    long id = Long.parseLong(browser.driver.getCurrentUrl().replaceAll(".*#/proposal/", ""));
    ProposalView p = economy().proposal(id).proposal();
    assertThat(p.description()).isEqualTo("A 30% quorum");
    assertThat(p.proposer()).isEqualTo(DashboardFixture.key("alice").address());
    JsonNode m = p.messages().get(0);
    assertThat(m.get("type").asText()).isEqualTo("gov/update_params");
    assertThat(m.get("params").get("quorumBps").asInt()).isEqualTo(3000);
    assertThat(m.get("params").get("votingPeriodSeconds").asLong()).isEqualTo(600);
    forgetKey();

    // a fee split that does not add up is refused before anything is signed
    browser.go("#/governance");
    useDevnetKey("alice");
    new Select(browser.visible("#proposal-kind")).selectByValue("bank");
    WebElement contributors = browser.visible("#bank-contributorsBps");
    contributors.clear();
    contributors.sendKeys("9000");
    browser.visible("#proposal-description").sendKeys("too much");
    browser.visible("#propose-button").click();
    browser.textWhen("#propose-result", t -> t.contains("add up to"));
    forgetKey();
  }

  @Test
  void accountShowsVestingStakesInterestAndDelegationAndStakesAndClaimsInTheBrowser() throws InterruptedException {
    KeyPair erin = DashboardFixture.key("erin");
    browser.open(chain.url() + "/#/account/" + erin.address());
    String locked = browser.textWhen("#vesting-locked", t -> !t.isEmpty());
    String unlocked = browser.visible("#vesting-unlocked").getText();
    assertThat(amount(locked).plus(amount(unlocked))).isEqualTo(Amount.ofOpen(1_000_000));
    assertThat(amount(locked)).isGreaterThan(Amount.ZERO);
    assertThat(amount(unlocked)).isGreaterThan(Amount.ZERO);
    assertThat(browser.driver.findElements(By.cssSelector("#vesting svg[role=img]"))).hasSize(1);
    browser.screenshot("account-vesting");

    KeyPair alice = DashboardFixture.key("alice");
    browser.go("#/account/" + alice.address());
    browser.textWhen("#staked", "2,000 OPEN"::equals);
    assertThat(browser.visible("#votes").getText()).isEqualTo("2,500 OPEN"); // with carol's 500 delegated
    assertThat(amount(browser.visible("#interest").getText())).isGreaterThan(Amount.ZERO);
    assertThat(browser.visible("#stakes").getText()).contains("flexible", "5% a year");
    browser.go("#/account/" + DashboardFixture.key("carol").address());
    browser.textWhen("#stakes", t -> t.contains("delegated to"));
    browser.go("#/account/" + DashboardFixture.key("dave").address());
    assertThat(browser.textWhen("#stakes", t -> t.contains("Unbonding"))).contains("300.0");

    useDevnetKey("dave");
    browser.visible("#stake-amount").sendKeys("10");
    new Select(browser.visible("#stake-pool")).selectByValue("1");
    browser.visible("#stake-button").click();
    browser.textWhen("#stake-result", t -> t.startsWith("Staked"));
    StakingAccountView dave = economy().stakingAccount(DashboardFixture.key("dave").address());
    assertThat(dave.positions()).singleElement().satisfies(p -> assertThat(p.principal()).isEqualTo(Amount.ofOpen(10)));
    browser.textWhen("#staked", "10 OPEN"::equals);

    // withdrawing dave's unbonding (a claim) once its cooldown is over
    UnbondingView unbonding = dave.unbondings().get(0);
    Thread.sleep(Math.max(0, unbonding.unlockMillis() - System.currentTimeMillis() + 200));
    Amount balance = chain.balance(DashboardFixture.key("dave"));
    new Select(browser.visible("#withdraw-select")).selectByValue(String.valueOf(unbonding.id()));
    browser.visible("#withdraw-button").click();
    browser.textWhen("#manage-result", t -> t.startsWith("Withdrew unbonding #" + unbonding.id()));
    assertThat(chain.balance(DashboardFixture.key("dave"))).isEqualTo(balance.plus(unbonding.amount()).minus(TestNode.FEE));
    browser.textWhen("#stakes", t -> !t.contains("Unbonding"));
    browser.screenshot("account-staking");
    forgetKey();
  }

  @Test
  void networkPageShowsConcentrationAndTreasury() {
    browser.open(chain.url() + "/#/network");
    EconomyView e = economy().economy(60);
    String gini = browser.textWhen("#concentration-stake .gini", t -> !t.isEmpty());
    assertThat(gini).isEqualTo(String.format(Locale.ROOT, "%.3f", e.stake().concentration().giniPpm() / 1e6));
    assertThat(browser.visible("#concentration-votes .nakamoto").getText())
        .isEqualTo(e.votingPower().concentration().nakamoto33() + ", " + e.votingPower().concentration().nakamoto50());
    assertThat(e.series()).hasSizeGreaterThan(1);
    assertThat(browser.driver.findElements(By.cssSelector("#concentration-charts svg[role=img]"))).hasSize(2);
    assertThat(browser.driver.findElements(By.cssSelector("#concentration-charts path.line"))).hasSize(7);
    assertThat(browser.driver.findElements(By.cssSelector("#treasury-charts svg[role=img]"))).hasSize(2);
    assertThat(browser.visible("#treasury-balance").getText()).endsWith("OPEN");
    browser.screenshot("network-economy");
  }

  private static Amount amount(String shown) {
    return Amount.parse(shown.replace(" OPEN", "").replace(",", ""));
  }
}
