package dev.openledger.node.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.logging.LogEntry;

/**
 * The node, its seeded data and the headless browser that all the dashboard's browser tests share: started
 * once for the whole test run (seeding and starting a browser are the slow parts) and closed when the run
 * ends, through JUnit's root store. Each test must leave the browser console free of errors; see
 * {@link #assertConsoleClean}.
 */
final class DashboardSession implements ExtensionContext.Store.CloseableResource {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DashboardSession.class);

  final Path dir;
  final DashboardFixture chain;
  final DashboardSeed data;
  final HeadlessChromium browser;
  private final List<String> expectedLoads = new ArrayList<>();

  private DashboardSession(Path dir, DashboardFixture chain, DashboardSeed data, HeadlessChromium browser) {
    this.dir = dir;
    this.chain = chain;
    this.data = data;
    this.browser = browser;
  }

  private static DashboardSession start() {
    Path dir;
    try {
      dir = Files.createTempDirectory("openledger-dashboard-test-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    DashboardFixture chain = null;
    try {
      Path base = DashboardSeed.pretrain(dir.resolve("base"));
      chain = new DashboardFixture(dir, base);
      DashboardSeed data = DashboardSeed.run(chain, base);
      return new DashboardSession(dir, chain, data, HeadlessChromium.start(dir.resolve("profile")));
    } catch (Exception | AssertionError e) {
      if (chain != null) {
        chain.close();
      }
      delete(dir);
      throw e instanceof RuntimeException r ? r : new IllegalStateException("cannot set up the dashboard's test node", e);
    }
  }

  /**
   * Every test must leave the console free of errors. Chromium logs every HTTP error answer to fetch() as a
   * failed load; the only ones allowed are the shell's probe (GET /v1/models without a key: 401 means the
   * node serves models) and those a test provokes on purpose and lists with {@link #expectFailedLoad}.
   */
  void assertConsoleClean(String test) {
    expectFailedLoad("/v1/models", 401);
    List<LogEntry> errors = browser.consoleErrors().stream().filter(e -> expectedLoads.stream().noneMatch(e.getMessage()::startsWith)).toList();
    expectedLoads.clear();
    assertThat(errors).as("console errors during %s", test).isEmpty();
  }

  /** An error answer the test asks for on purpose: Chromium's log line for it is not a page error. */
  void expectFailedLoad(String path, int status) {
    expectFailedLoad(chain.url(), path, status);
  }

  void expectFailedLoad(String base, String path, int status) {
    expectedLoads.add(base + path + " - Failed to load resource: the server responded with a status of " + status + " ");
  }

  @Override
  public void close() {
    try {
      browser.close();
    } finally {
      try {
        chain.close();
      } finally {
        delete(dir);
      }
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  /** Hands test classes the shared session (a parameter of their {@code @BeforeAll}). */
  static final class Resolver implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext ctx) {
      return p.getParameter().getType() == DashboardSession.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext ctx) {
      return ctx.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(DashboardSession.class, k -> start(), DashboardSession.class);
    }
  }
}
