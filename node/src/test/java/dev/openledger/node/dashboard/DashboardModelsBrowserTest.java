package dev.openledger.node.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.Result;
import dev.openledger.modelfactory.ModelFactory;
import dev.openledger.modelfactory.eval.EvaluationReport;
import dev.openledger.modelfactory.job.JobRecord;
import dev.openledger.modelfactory.job.JobState;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The model pages in the browser: the registry with states and lineage, a model's lineage diagram, state
 * history and evaluation (base against adapter perplexity, sample generations), and a fine-tuning job
 * started from the page whose progress and loss curve arrive live over server-sent events.
 */
class DashboardModelsBrowserTest extends BrowserTestBase {

  @Test
  void registryAndModelPageShowLineageHistoryAndEvaluation() throws Exception {
    browser.open(chain.url() + "/#/models");
    String registry = browser.textWhen("#model-registry tbody", t -> t.contains(DashboardSeed.TRAINED));
    assertThat(registry).contains(DashboardSeed.TRAINED + " v1", "approved", DashboardSeed.PRESS + " v1", "0.01 OPEN");
    assertThat(browser.textWhen("#jobs tbody", t -> t.contains("job " + data.trainingJob))).contains("succeeded", "held-out perplexity");
    browser.screenshot("models");

    browser.driver.findElement(By.linkText(DashboardSeed.TRAINED + " v1")).click();
    browser.textWhen("h1", (DashboardSeed.TRAINED + " v1")::equals);
    assertThat(browser.visible("#model-state").getText()).isEqualTo("approved");
    String lineage = browser.visible("#lineage").getText();
    assertThat(lineage).containsSubsequence("base model", "datanet version", DashboardSeed.PRESS + " v1", "67 rows", "adapter", DashboardSeed.TRAINED + " v1");
    assertThat(browser.driver.findElements(By.cssSelector("#lineage .lineage-data a"))).singleElement()
        .satisfies(a -> assertThat(a.getAttribute("href")).endsWith("#/datanet/" + data.press.toHex()));
    assertThat(browser.visible("#model-history").getText()).containsSubsequence("registered", "proposed for approval", "approved", "approved by governance");

    ModelFactory mf = chain.node.models().modelFactory();
    EvaluationReport report = ((Result.Ok<EvaluationReport>) mf.evaluation(mf.model(DashboardSeed.TRAINED).orElseThrow())).value();
    String evaluation = browser.visible("#evaluation").getText();
    assertThat(evaluation).contains(String.format("%.2f", report.overall().basePerplexity()), String.format("%.2f", report.overall().adapterPerplexity()));
    assertThat(browser.driver.findElements(By.cssSelector("#evaluation rect.bar"))).hasSize(2);
    assertThat(evaluation).contains(report.samples().get(0).prompt());
    browser.screenshot("model");
  }

  @Test
  void aFineTuneStartedInThePageStreamsItsProgressAndLossCurveLive() throws Exception {
    browser.open(chain.url() + "/#/models");
    browser.visible("#ft-name").sendKeys("press-live");
    browser.visible("#ft-developer").sendKeys(DashboardFixture.key("dave").address().toString());
    assertThat(browser.visible("#ft-base").getAttribute("value")).isEqualTo(data.baseHash);
    browser.visible("input[name=ft-datanet][value='" + data.press.toHex() + "@1']").click();
    WebElement epochs = browser.visible("#ft-epochs");
    epochs.clear();
    epochs.sendKeys("2");
    browser.visible("#ft-submit").click();

    String outcome = browser.textWhen("#job-outcome", t -> t.startsWith("Done"));
    assertThat(outcome).contains("held-out perplexity", "See press-live v1");
    long id = Long.parseLong(browser.driver.getCurrentUrl().replaceAll(".*#/job/", ""));
    ModelFactory mf = chain.node.models().modelFactory();
    JobRecord job = mf.job(id).orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(job.spec().name()).isEqualTo("press-live");
    int steps = mf.lossCurve(id).size();
    WebElement curve = browser.visible("#loss-curve");
    assertThat(Integer.parseInt(curve.getAttribute("data-events"))).as("progress events streamed to the page").isPositive();
    assertThat(curve.getAttribute("data-points")).isEqualTo(String.valueOf(steps));
    assertThat(browser.visible("#job-bar").getAttribute("value")).isEqualTo(browser.visible("#job-bar").getAttribute("max")).isEqualTo(String.valueOf(steps));
    assertThat(browser.driver.findElements(By.cssSelector("#loss-curve circle.dot"))).hasSize(steps); // one dot per step up to 60
    browser.screenshot("job");

    browser.visible("#job-model-link").click();
    browser.textWhen("h1", "press-live v1"::equals);
    assertThat(browser.visible("main").getText()).contains("Fine-tuned on this node; not registered on chain yet");
    assertThat(browser.visible("#lineage").getText()).contains(DashboardSeed.PRESS + " v1");
  }
}
