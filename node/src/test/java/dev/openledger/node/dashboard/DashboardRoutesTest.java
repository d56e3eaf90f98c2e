package dev.openledger.node.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.node.api.ApiServer;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dashboard's files as served over HTTP: the page with its security policy, types and entity
 * tags, refusal of paths outside the assets, every module import resolving to a served file, and no
 * address outside the node in any file (the dashboard must work without the internet).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardRoutesTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private ApiServer server;
  private String url;

  @BeforeAll
  void start() {
    server = ApiServer.start("127.0.0.1", 0, List.of(new DashboardRoutes()));
    url = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesThePageWithAPolicyThatKeepsItOnThisOrigin() throws Exception {
    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .get()
        .asString()
        .contains("default-src 'self'", "script-src 'self'", "connect-src 'self'")
        .doesNotContain("unsafe");
    assertThat(page.body())
        .contains(
            "<script type=\"module\" src=\"/assets/js/app.js\"></script>", "<main id=\"main\"");

    HttpResponse<String> js = get("/assets/js/app.js");
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("text/javascript");
    assertThat(get("/assets/css/dashboard.css").headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("text/css");
    String etag = js.headers().firstValue("ETag").orElseThrow();
    assertThat(get("/assets/js/app.js", "If-None-Match", etag).statusCode()).isEqualTo(304);
  }

  @Test
  void refusesPathsOutsideTheAssetsAndUnknownFiles() throws Exception {
    for (String path :
        List.of(
            "/assets/js/nothing.js",
            "/assets/../index.html",
            "/assets/%2e%2e/index.html",
            "/assets/.hidden.js",
            "/assets/js/app.class",
            "/assets/js//app.js")) {
      HttpResponse<String> r = get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.body()).as(path).contains("\"not_found\"");
    }
    assertThat(get("/assets/js/app.js%00.css").statusCode())
        .isIn(400, 404); // the HTTP server refuses a NUL before routing
  }

  @Test
  void everyModuleImportResolvesToAServedFile() throws Exception {
    List<String> imports = new ArrayList<>();
    Pattern spec = Pattern.compile("(?:from\\s+|import\\()'([^']+)'");
    Path js = assetsDir().resolve("js");
    try (Stream<Path> files = Files.walk(js)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".js")).toList()) {
        Matcher m = spec.matcher(Files.readString(f));
        while (m.find()) {
          String target = m.group(1);
          assertThat(target).as("import in %s", f).startsWith(".");
          imports.add(
              "/assets/"
                  + assetsDir()
                      .relativize(f.getParent().resolve(target).normalize())
                      .toString()
                      .replace('\\', '/'));
        }
      }
    }
    assertThat(imports).hasSizeGreaterThan(20);
    for (String path : imports) {
      assertThat(get(path).statusCode()).as(path).isEqualTo(200);
    }
  }

  @Test
  void noFileNamesAnAddressOutsideTheNode() throws Exception {
    Pattern external = Pattern.compile("(?i)(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}");
    try (Stream<Path> files = Files.walk(assetsDir().getParent())) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(f).replace("http://www.w3.org/2000/svg", "");
        assertThat(external.matcher(text).find()).as("%s names an outside address", f).isFalse();
      }
    }
  }

  private static Path assetsDir() throws URISyntaxException {
    return Path.of(
        DashboardRoutesTest.class
            .getClassLoader()
            .getResource(DashboardRoutes.ROOT + "assets")
            .toURI());
  }
}
