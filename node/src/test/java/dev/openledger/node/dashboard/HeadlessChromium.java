package dev.openledger.node.dashboard;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, with the flags this machine needs (no
 * sandbox as root, no background connections to the internet, a fresh profile), the browser console
 * captured, and screenshots written under {@code target/screenshots/}.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final Duration WAIT = Duration.ofSeconds(20);

  final ChromeDriver driver;
  private final WebDriverWait wait;

  private HeadlessChromium(ChromeDriver driver) {
    this.driver = driver;
    // pages redraw as data arrives, so an element found a moment ago may be replaced: look again
    this.wait = new WebDriverWait(driver, WAIT);
    wait.ignoring(StaleElementReferenceException.class);
  }

  /** Starts the browser; fails (never skips) with the install command when Chromium is missing. */
  static HeadlessChromium start(Path profile) {
    for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(p)) {
        fail(p + " is missing: the dashboard's browser tests need Debian's Chromium and its driver. "
            + "Install them with `apt-get install -y chromium chromium-driver` (as root); scripts/test does this when it runs as root.");
      }
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,1000");
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
    return new HeadlessChromium(new ChromeDriver(service, options));
  }

  void open(String url) {
    driver.get(url);
    wait.until(d -> "true".equals(((ChromeDriver) d).executeScript("return document.body.dataset.ready || null")));
  }

  /** Goes to a page of the already loaded dashboard by its fragment (#/…). */
  void go(String fragment) {
    driver.executeScript("location.hash = arguments[0]", fragment);
  }

  WebElement visible(String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  /** Waits until the text of the element at css satisfies the predicate; returns that text. */
  String textWhen(String css, Predicate<String> ok) {
    return wait.until(d -> {
      List<WebElement> els = d.findElements(By.cssSelector(css));
      if (els.isEmpty()) {
        return null;
      }
      String t = els.get(0).getText();
      return ok.test(t) ? t : null;
    });
  }

  /**
   * Runs steps on elements of a page that redraws as data arrives; when an element found in them has been
   * replaced meanwhile, finds it again and repeats them (until the wait's timeout).
   */
  void retrying(Runnable steps) {
    wait.until(d -> {
      steps.run();
      return true;
    });
  }

  void setWidth(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** Console entries at SEVERE level (errors, uncaught exceptions, failed loads) since the last call. */
  List<LogEntry> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
  }

  void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      // the whole page, not only the window: size the window to the document first
      Dimension before = driver.manage().window().getSize();
      long height = (Long) driver.executeScript("return Math.ceil(document.documentElement.scrollHeight)");
      driver.manage().window().setSize(new Dimension(before.getWidth(), (int) Math.min(6000, Math.max(before.getHeight(), height + 120))));
      Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
      driver.manage().window().setSize(before);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write screenshot " + name, e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
