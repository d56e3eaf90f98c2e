package dev.openledger.node.client;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.json.Json;
import dev.openledger.core.receipt.InclusionProof;
import dev.openledger.core.receipt.ReceiptTree;
import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.ledger.msg.PaymentParams;
import dev.openledger.node.payment.PaymentViews.BatchListView;
import dev.openledger.node.payment.PaymentViews.BatchView;
import dev.openledger.node.payment.PaymentViews.ChannelListView;
import dev.openledger.node.payment.PaymentViews.ChannelView;
import dev.openledger.node.payment.PaymentViews.KeyView;
import dev.openledger.node.payment.PaymentViews.ReceiptCheckRequest;
import dev.openledger.node.payment.PaymentViews.ReceiptCheckView;
import dev.openledger.node.payment.PaymentViews.ReceiptProofView;
import java.net.http.HttpRequest;
import java.util.Optional;

/** The payment routes from Java (see {@code PaymentRoutes}). */
public final class PaymentClient {
  private final LedgerClient client;

  public PaymentClient(LedgerClient client) {
    this.client = client;
  }

  public PaymentParams params() {
    return client.get("/api/payment/params", PaymentParams.class);
  }

  /** The channels an account pays for or serves. */
  public ChannelListView channels(Address account) {
    return client.get("/api/payments/channels?account=" + account, ChannelListView.class);
  }

  /** The payer's open or closing channel to the provider. */
  public Optional<ChannelView> activeChannel(Address payer, Address provider) {
    return client
        .get(
            "/api/payments/channels?payer=" + payer + "&provider=" + provider,
            ChannelListView.class)
        .channels()
        .stream()
        .findFirst();
  }

  public Optional<ChannelView> channel(Hash id) {
    return client.getOptional("/api/payments/channels/" + id.toHex(), ChannelView.class);
  }

  /** The account an API key's SHA-256 is bound to. */
  public Optional<KeyView> key(Hash keyHash) {
    return client.getOptional("/api/payments/keys/" + keyHash.toHex(), KeyView.class);
  }

  public BatchListView batches(long offset, int limit) {
    return client.get(
        "/api/payments/batches?offset=" + offset + "&limit=" + limit, BatchListView.class);
  }

  public Optional<BatchView> batch(Hash root) {
    return client.getOptional("/api/payments/batches/" + root.toHex(), BatchView.class);
  }

  /** The chain's check of a receipt and its proof against the settled batch {@code root}. */
  public ReceiptCheckView verify(Hash root, SignedReceipt receipt, InclusionProof proof) {
    String path = "/api/payments/batches/" + root.toHex() + "/verify";
    HttpRequest req =
        HttpRequest.newBuilder(client.base().resolve(path))
            .timeout(LedgerClient.REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    Json.write(new ReceiptCheckRequest(receipt.toHex(), proof))))
            .build();
    return client
        .<ReceiptCheckView>send(
            req, Json.mapper().constructType(ReceiptCheckView.class), "POST " + path)
        .orElseThrow();
  }

  /** A serving node's receipt of {@code requestId} with its proof, once settled. */
  public Optional<ReceiptProofView> receipt(String requestId) {
    return client.getOptional(
        "/api/payments/receipts/"
            + java.net.URLEncoder.encode(requestId, java.nio.charset.StandardCharsets.UTF_8),
        ReceiptProofView.class);
  }

  /**
   * Checks a serving node's receipt proof without trusting either node: the receipt decodes, its
   * provider's signature verifies, and the proof puts it under the root (locally); then the chain
   * says the root is settled and the receipt is one of its receipts.
   *
   * @throws ClientException.VerificationFailed when any of it fails
   */
  public ReceiptCheckView verifyProof(ReceiptProofView p) {
    SignedReceipt r;
    try {
      r = SignedReceipt.fromHex(p.receiptHex());
    } catch (dev.openledger.core.codec.DecodeException e) {
      throw new ClientException.VerificationFailed(
          "the receipt does not decode: " + e.getMessage());
    }
    if (!r.verify()) {
      throw new ClientException.VerificationFailed(
          "the receipt's signature does not verify against its provider " + r.receipt().provider());
    }
    if (!ReceiptTree.verify(p.root(), r, p.proof())) {
      throw new ClientException.VerificationFailed(
          "the proof does not put the receipt under the root " + p.root());
    }
    ReceiptCheckView v = verify(p.root(), r, p.proof());
    if (!v.verified()) {
      throw new ClientException.VerificationFailed(
          "the chain does not confirm the receipt (" + v.code() + "): " + v.message());
    }
    return v;
  }
}
