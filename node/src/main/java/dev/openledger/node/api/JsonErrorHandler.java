package dev.openledger.node.api;

import dev.openledger.core.json.Json;
import dev.openledger.node.api.view.ErrorView;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's answer to a request it refuses before any route runs (a malformed or ambiguous URI, such
 * as an encoded NUL in the path): the API's JSON error instead of Jetty's HTML page, so that every
 * refusal a client sees has the same shape.
 */
final class JsonErrorHandler extends ErrorHandler {
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    if (HttpStatus.hasNoBody(status)) {
      return ByteBuffer.allocate(0);
    }
    String message = reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason;
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    String body =
        Json.write(ErrorView.of(ApiServer.codeFor(status), "the request is malformed: " + message));
    return ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8));
  }
}
