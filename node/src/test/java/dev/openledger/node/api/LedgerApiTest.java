package dev.openledger.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.core.Hex;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.json.Json;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.Transaction;
import dev.openledger.node.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP API on a real server: every route, and every kind of bad input answered with a 4xx and
 * no state change.
 */
class LedgerApiTest {
  @TempDir static Path dir;
  static TestNode node;
  final HttpClient http = HttpClient.newHttpClient();
  final KeyPair alice = TestNode.key("alice");
  final KeyPair bob = TestNode.key("bob");

  @BeforeAll
  static void start() {
    node = new TestNode(dir);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  record Reply(int status, String body, String contentType) {
    JsonNode json() {
      try {
        return Json.mapper().readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  Reply send(String method, String path, String contentType, byte[] body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.url() + path));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
  }

  Reply get(String path) throws Exception {
    return send("GET", path, null, null);
  }

  Reply post(byte[] tx) throws Exception {
    return send("POST", "/api/tx", "application/octet-stream", tx);
  }

  /** A 4xx with {"error": {"code", "message"}} and the expected code. */
  void assertError(Reply r, int status, String code) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    JsonNode err = r.json().get("error");
    assertThat(err).as(r.body()).isNotNull();
    assertThat(err.get("code").asText()).isEqualTo(code);
    assertThat(err.get("message").asText()).isNotBlank();
  }

  String chainFingerprint() throws Exception {
    JsonNode s = get("/api/status").json();
    JsonNode b = get("/api/blocks/latest").json();
    return s.get("height").asText()
        + "/"
        + b.get("stateRoot").asText()
        + "/"
        + get("/api/supply").body();
  }

  long nonce(KeyPair k) throws Exception {
    return get("/api/accounts/" + k.address()).json().get("nonce").asLong();
  }

  JsonNode waitCommitted(String hash) throws Exception {
    for (int i = 0; i < 200; i++) {
      JsonNode v = get("/api/tx/" + hash).json();
      if (!v.get("status").asText().equals("pending")) {
        return v;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("tx " + hash + " still pending");
  }

  @Test
  void everyRouteAnswersItsDocumentedShape() throws Exception {
    SignedTransaction tx =
        TestNode.tx(alice, nonce(alice), new Transfer(bob.address(), Amount.ofOpen(3)));
    Reply submitted = post(tx.encoded());
    assertThat(submitted.status()).isEqualTo(202);
    assertThat(submitted.json().get("hash").asText()).isEqualTo(tx.hash().toHex());

    JsonNode committed = waitCommitted(tx.hash().toHex());
    assertThat(committed.get("status").asText()).isEqualTo("committed");
    assertThat(committed.get("code").asText()).isEqualTo("ok");
    assertThat(committed.get("height").asLong()).isPositive();
    assertThat(committed.get("events").get(1).get("type").asText()).isEqualTo("bank.transfer");
    assertThat(committed.get("tx").get("message").get("type").asText()).isEqualTo("bank/transfer");
    assertThat(committed.get("tx").get("message").get("amount").asText()).isEqualTo("3");

    // the JSON form of POST /api/tx
    SignedTransaction tx2 =
        TestNode.tx(alice, nonce(alice) + 1, new Transfer(bob.address(), Amount.ofOpen(1)));
    Reply viaJson =
        send(
            "POST",
            "/api/tx",
            "application/json; charset=utf-8",
            ("{\"tx\":\"" + Hex.encode(tx2.encoded()) + "\"}").getBytes(StandardCharsets.UTF_8));
    assertThat(viaJson.status()).isEqualTo(202);
    assertThat(get("/api/tx/" + tx2.hash().toHex()).json().get("status").asText())
        .isIn("pending", "committed");

    JsonNode account = get("/api/accounts/" + bob.address() + "?proof=true").json();
    assertThat(account.get("balance").asText()).isEqualTo("1000003");
    assertThat(account.get("proof").get("terminal").get("type").asText()).isEqualTo("leaf");
    assertThat(get("/api/accounts/" + bob.address() + "?height=0").json().get("balance").asText())
        .isEqualTo("1000000");

    JsonNode latest = get("/api/blocks/latest").json();
    JsonNode byHeight = get("/api/blocks/" + latest.get("height").asLong()).json();
    assertThat(byHeight).isEqualTo(latest);
    assertThat(get("/api/blocks/0").json().get("prevHash").asText())
        .isEqualTo(node.genesis.hash().toHex());

    JsonNode supply = get("/api/supply").json();
    assertThat(supply.get("total").asText()).isEqualTo("1000000000");
    assertThat(supply.get("moduleAccounts").get("community").asText()).isEqualTo("517100000");

    JsonNode status = get("/api/status").json();
    assertThat(status.get("chainId").asText()).isEqualTo(DevnetGenesis.CHAIN_ID);
    assertThat(status.get("minFee").asText()).isEqualTo("0.00001");

    Reply metrics = get("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.contentType()).startsWith("text/plain");
    assertThat(metrics.body())
        .contains("openledger_block_height ")
        .contains("# TYPE openledger_transactions_committed_total counter");
  }

  @Test
  void badTransactionsGetA4xxWithTheirReasonAndChangeNothing() throws Exception {
    // settle anything another test left pending
    Thread.sleep(200);
    String before = chainFingerprint();
    long n = nonce(alice);
    SignedTransaction good = TestNode.tx(alice, n, new Transfer(bob.address(), Amount.ofOpen(1)));
    byte[] enc = good.encoded();

    assertError(post(Arrays.copyOf(enc, enc.length - 1)), 400, "malformed");
    assertError(post(Arrays.copyOf(enc, enc.length + 1)), 400, "malformed");
    assertError(post(Arrays.copyOf(enc, 10)), 400, "malformed");
    assertError(post(new byte[0]), 400, "malformed");
    byte[] badSig = enc.clone();
    badSig[enc.length - 3] ^= 0x20;
    assertError(post(badSig), 400, "bad_signature");
    assertError(post(new byte[20_000]), 400, "too_large");
    assertError(post(new byte[2 << 20]), 413, "too_large");
    assertError(
        post(
            new Transaction(
                    "openledger-elsewhere",
                    alice.publicKey(),
                    n,
                    TestNode.FEE,
                    new Transfer(bob.address(), Amount.ofOpen(1)))
                .sign(alice)
                .encoded()),
        400,
        "wrong_chain");
    assertError(
        post(
            new Transaction(
                    DevnetGenesis.CHAIN_ID,
                    alice.publicKey(),
                    n,
                    Amount.ZERO,
                    new Transfer(bob.address(), Amount.ofOpen(1)))
                .sign(alice)
                .encoded()),
        400,
        "fee_too_low");
    assertError(
        post(
            new Transaction(
                    DevnetGenesis.CHAIN_ID,
                    alice.publicKey(),
                    Math.max(0, n - 1) + (n == 0 ? 1_000_000 : 0),
                    TestNode.FEE,
                    new Transfer(bob.address(), Amount.ofOpen(1)))
                .sign(alice)
                .encoded()),
        400,
        "bad_nonce");

    // overflowing and impossible amounts, an unknown message tag
    assertError(
        post(
            rawTx(
                w ->
                    w.varint(0x0101)
                        .address(bob.address())
                        .raw(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, 1}),
                n)),
        400,
        "malformed");
    assertError(
        post(
            rawTx(
                w -> w.varint(0x0101).address(bob.address()).varint(Amount.MAX_SUPPLY.nano() + 1),
                n)),
        400,
        "malformed");
    assertError(post(rawTx(w -> w.varint(0x0102).varint(Long.MAX_VALUE), n)), 400, "malformed");
    assertError(post(rawTx(w -> w.varint(0x0999).varint(1), n)), 400, "unknown_message");

    // malformed JSON and wrong content types
    assertError(
        send("POST", "/api/tx", "application/json", "{".getBytes(StandardCharsets.UTF_8)),
        400,
        "malformed_json");
    assertError(
        send("POST", "/api/tx", "application/json", "{\"tx\": 5}".getBytes(StandardCharsets.UTF_8)),
        400,
        "malformed_json");
    assertError(
        send(
            "POST",
            "/api/tx",
            "application/json",
            "{\"tx\": \"zz\"}".getBytes(StandardCharsets.UTF_8)),
        400,
        "malformed");
    assertError(
        send(
            "POST",
            "/api/tx",
            "application/json",
            ("{\"tx\": \"" + Hex.encode(enc) + "\", \"x\": 1}").getBytes(StandardCharsets.UTF_8)),
        400,
        "malformed_json");
    assertError(
        send("POST", "/api/tx", "application/json", "[]".getBytes(StandardCharsets.UTF_8)),
        400,
        "malformed_json");
    assertError(
        send("POST", "/api/tx", "application/json", "null".getBytes(StandardCharsets.UTF_8)),
        400,
        "malformed_json");
    assertError(
        send("POST", "/api/tx", "application/json", new byte[] {(byte) 0xff, (byte) 0xfe}),
        400,
        "malformed_json");
    assertError(send("POST", "/api/tx", "text/plain", enc), 415, "unsupported_media_type");
    assertError(send("POST", "/api/tx", null, enc), 415, "unsupported_media_type");
    assertError(
        send(
            "POST",
            "/api/tx",
            "application/x-www-form-urlencoded",
            "tx=00".getBytes(StandardCharsets.UTF_8)),
        415,
        "unsupported_media_type");

    // random bytes, many times: always a 4xx
    Random rnd = new Random(42);
    for (int i = 0; i < 150; i++) {
      byte[] junk = new byte[rnd.nextInt(400)];
      rnd.nextBytes(junk);
      if (i % 3 == 0 && junk.length > 0) {
        junk = Arrays.copyOf(enc, enc.length);
        junk[rnd.nextInt(junk.length)] ^= (byte) (1 + rnd.nextInt(255));
      }
      Reply r = post(junk);
      assertThat(r.status()).as("junk %d: %s", i, r.body()).isBetween(400, 499);
      assertThat(r.json().get("error").get("code").asText()).isNotBlank();
    }
    assertThat(chainFingerprint()).isEqualTo(before);
  }

  @Test
  void badParametersAndUnknownRoutesGetA4xx() throws Exception {
    assertError(get("/api/tx/not-hex"), 400, "bad_hash");
    assertError(get("/api/tx/abcd"), 400, "bad_hash");
    assertError(get("/api/tx/" + "00".repeat(32)), 404, "not_found");
    assertError(get("/api/accounts/ol1notanaddress"), 400, "bad_address");
    String addr = alice.address().toString();
    String typo = addr.substring(0, addr.length() - 1) + (addr.endsWith("q") ? "p" : "q");
    assertError(get("/api/accounts/" + typo), 400, "bad_address");
    assertError(get("/api/accounts/" + alice.address() + "?proof=maybe"), 400, "bad_proof");
    assertError(get("/api/accounts/" + alice.address() + "?height=-1"), 400, "bad_height");
    assertError(get("/api/accounts/" + alice.address() + "?height=99999999"), 404, "not_found");
    assertError(get("/api/blocks/abc"), 400, "bad_height");
    assertError(get("/api/blocks/-5"), 400, "bad_height");
    assertError(get("/api/blocks/99999999999999999999"), 400, "bad_height");
    assertError(get("/api/blocks/99999999"), 404, "not_found");
    assertError(get("/api/nothing-here"), 404, "not_found");
    assertError(send("DELETE", "/api/tx", null, null), 405, "method_not_allowed");
    assertError(
        send("PUT", "/api/status", "application/json", "{}".getBytes(StandardCharsets.UTF_8)),
        405,
        "method_not_allowed");
  }

  private static byte[] rawTx(java.util.function.Consumer<CanonicalWriter> message, long nonce) {
    KeyPair alice = TestNode.key("alice");
    CanonicalWriter w = new CanonicalWriter();
    w.u8(1)
        .string(DevnetGenesis.CHAIN_ID)
        .publicKey(alice.publicKey())
        .varint(nonce)
        .amount(TestNode.FEE);
    message.accept(w);
    byte[] body = w.toByteArray();
    return Arrays.copyOf(body, body.length + 64);
  }
}
