package dev.openledger.node.dashboard;

import dev.openledger.core.crypto.Hash;
import dev.openledger.node.api.ApiException;
import dev.openledger.node.api.RouteModule;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The dashboard's routes.
 *
 * <pre>
 * GET /                 the single page (index.html); pages are chosen by the URL fragment (#/network ...)
 * GET /assets/{path}    a file under dashboard/assets/ on the classpath: .js .css .svg .png .ico .json .txt
 * </pre>
 *
 * Files are read from the classpath once and kept in memory (a few hundred kilobytes); answers
 * carry an {@code ETag} so a browser revalidates instead of downloading again.
 */
public final class DashboardRoutes implements RouteModule {
  static final String ROOT = "dashboard/";

  /**
   * This origin only: no script, style, font, image or connection elsewhere; no inline script. The
   * browser enforces it, so a page that tried to reach the internet would fail loudly in the tests.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
          + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  /**
   * Path segments of letters, digits, dot, dash and underscore; no segment may start with a dot.
   */
  private static final Pattern SAFE_PATH =
      Pattern.compile("([A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*");

  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon",
          "json", "application/json",
          "txt", "text/plain; charset=utf-8");

  private final ClassLoader loader;
  private final Map<String, Asset> cache = new ConcurrentHashMap<>();

  public DashboardRoutes() {
    this(DashboardRoutes.class.getClassLoader());
  }

  DashboardRoutes(ClassLoader loader) {
    this.loader = loader;
  }

  /** A file's bytes, media type and entity tag. */
  record Asset(byte[] bytes, String type, String etag) {}

  @Override
  public void routes(JavalinDefaultRouting r) {
    r.get(
        "/",
        ctx ->
            send(
                ctx,
                asset("index.html")
                    .orElseThrow(
                        () ->
                            new IllegalStateException(
                                "dashboard/index.html is missing from the classpath"))));
    r.get(
        "/assets/<path>",
        ctx ->
            send(
                ctx,
                asset("assets/" + checkedPath(ctx.pathParam("path")))
                    .orElseThrow(() -> ApiException.notFound("no dashboard file " + ctx.path()))));
  }

  private static String checkedPath(String path) {
    if (!SAFE_PATH.matcher(path).matches()) {
      throw ApiException.notFound("no dashboard file /assets/" + path);
    }
    return path;
  }

  /**
   * The file at {@code path} under {@code dashboard/}, when it exists and has a type this server
   * sends.
   */
  Optional<Asset> asset(String path) {
    int dot = path.lastIndexOf('.');
    String type = dot < 0 ? null : TYPES.get(path.substring(dot + 1));
    if (type == null) {
      return Optional.empty();
    }
    Asset cached = cache.get(path);
    if (cached != null) {
      return Optional.of(cached);
    }
    try (InputStream in = loader.getResourceAsStream(ROOT + path)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] bytes = in.readAllBytes();
      Asset a = new Asset(bytes, type, "\"" + Hash.sha256(bytes).toHex().substring(0, 32) + "\"");
      cache.put(path, a);
      return Optional.of(a);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read dashboard file " + path + " from the classpath", e);
    }
  }

  private static void send(Context ctx, Asset a) {
    ctx.header("ETag", a.etag());
    ctx.header("Cache-Control", "no-cache");
    ctx.header("X-Content-Type-Options", "nosniff");
    if (a.type().startsWith("text/html")) {
      ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      ctx.header("Referrer-Policy", "no-referrer");
    }
    if (a.etag().equals(ctx.header("If-None-Match"))) {
      ctx.status(304);
      return;
    }
    ctx.contentType(a.type()).result(a.bytes());
  }
}
