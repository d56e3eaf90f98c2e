package dev.openledger.node.client;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.json.Json;
import dev.openledger.datanet.IngestResult;
import dev.openledger.datanet.leaderboard.LeaderboardEntry;
import dev.openledger.datanet.version.InclusionProof;
import dev.openledger.datanet.version.MerkleTree;
import dev.openledger.datanet.version.VersionLeaf;
import dev.openledger.ledger.datanet.DatanetIds;
import dev.openledger.ledger.msg.SubmitContribution;
import dev.openledger.node.datanet.AccessView;
import dev.openledger.node.datanet.ContributionListView;
import dev.openledger.node.datanet.ContributionView;
import dev.openledger.node.datanet.ContributorView;
import dev.openledger.node.datanet.DatanetListView;
import dev.openledger.node.datanet.DatanetView;
import dev.openledger.node.datanet.PreviewRequest;
import dev.openledger.node.datanet.PreviewView;
import dev.openledger.node.datanet.RowProofView;
import dev.openledger.node.datanet.UploadView;
import dev.openledger.node.datanet.UsageView;
import dev.openledger.node.datanet.VersionView;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The datanet routes from Java, over a {@link LedgerClient}'s connection. Datanets are named by id
 * (hex) or name. The verifying helpers recompute what the node claims: the message an upload asks
 * to sign, a version's root from its export, a row's proof.
 */
public final class DatanetClient {
  private final LedgerClient client;

  public DatanetClient(LedgerClient client) {
    this.client = client;
  }

  public DatanetListView list() {
    return client.get("/api/datanets", DatanetListView.class);
  }

  public Optional<DatanetView> datanet(String idOrName) {
    return client.getOptional(path(idOrName), DatanetView.class);
  }

  public ContributionListView contributions(
      String datanet, Optional<String> status, long offset, int limit) {
    return client.get(
        path(datanet)
            + "/contributions?offset="
            + offset
            + "&limit="
            + limit
            + status.map(s -> "&status=" + s).orElse(""),
        ContributionListView.class);
  }

  public Optional<ContributionView> contribution(String datanet, Hash id) {
    return client.getOptional(
        path(datanet) + "/contributions/" + id.toHex(), ContributionView.class);
  }

  public List<ContributorView> contributors(String datanet) {
    return list(path(datanet) + "/contributors", ContributorView.class);
  }

  public List<LeaderboardEntry> leaderboard(String datanet) {
    return list(path(datanet) + "/leaderboard", LeaderboardEntry.class);
  }

  public UsageView usage(String datanet, Address account) {
    return client.get(path(datanet) + "/usage/" + account, UsageView.class);
  }

  public AccessView access(String datanet, Address account, Optional<Integer> version) {
    return client.get(
        path(datanet) + "/access/" + account + version.map(v -> "?version=" + v).orElse(""),
        AccessView.class);
  }

  public List<VersionView> versions(String datanet) {
    return list(path(datanet) + "/versions", VersionView.class);
  }

  public Optional<VersionView> version(String datanet, int version) {
    return client.getOptional(path(datanet) + "/versions/" + version, VersionView.class);
  }

  /**
   * Uploads a file for {@code submitter}: validation, a durable blob, and the message to sign when
   * it passed.
   */
  public UploadView upload(String datanet, Address submitter, String fileName, byte[] bytes) {
    String boundary = "----openledger-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream(bytes.length + 512);
    write(
        body,
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"submitter\"\r\n\r\n"
            + submitter
            + "\r\n");
    write(
        body,
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + fileName.replace("\"", "")
            + "\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n");
    body.writeBytes(bytes);
    write(body, "\r\n--" + boundary + "--\r\n");
    HttpRequest req =
        HttpRequest.newBuilder(client.base().resolve(path(datanet) + "/uploads"))
            .timeout(LedgerClient.REQUEST_TIMEOUT.multipliedBy(4))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build();
    return client
        .<UploadView>send(
            req,
            Json.mapper().constructType(UploadView.class),
            "POST " + path(datanet) + "/uploads")
        .orElseThrow();
  }

  /**
   * The next version's root, rows and fee over these accepted contributions, as this node computes
   * them.
   */
  public PreviewView preview(String datanet, List<Hash> contributionIds) {
    HttpRequest req =
        HttpRequest.newBuilder(client.base().resolve(path(datanet) + "/versions/preview"))
            .timeout(LedgerClient.REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    Json.write(new PreviewRequest(contributionIds))))
            .build();
    return client
        .<PreviewView>send(
            req,
            Json.mapper().constructType(PreviewView.class),
            "POST " + path(datanet) + "/versions/preview")
        .orElseThrow();
  }

  /** Streams a version's JSONL export into {@code out}. */
  public void export(String datanet, int version, OutputStream out) {
    String p = path(datanet) + "/versions/" + version + "/export";
    HttpRequest req =
        HttpRequest.newBuilder(client.base().resolve(p))
            .timeout(LedgerClient.REQUEST_TIMEOUT.multipliedBy(10))
            .GET()
            .build();
    HttpResponse<InputStream> resp;
    try {
      resp = client.http().send(req, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new ClientException.Unreachable(
          "cannot reach the node at " + client.base() + " (GET " + p + "): " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException.Unreachable("interrupted: GET " + p, e);
    }
    try (InputStream in = resp.body()) {
      if (resp.statusCode() >= 400) {
        throw LedgerClient.apiError(resp.statusCode(), in.readAllBytes(), "GET " + p);
      }
      in.transferTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the export of version " + version, e);
    }
  }

  public RowProofView proof(String datanet, int version, Hash rowId) {
    return client.get(
        path(datanet) + "/versions/" + version + "/proof/" + rowId.toHex(), RowProofView.class);
  }

  // ---- verification ----

  /**
   * The message an upload asks {@code submitter} to sign, after checking it names this very file
   * (its SHA-256 and size) and this submitter's contribution id.
   *
   * @throws ClientException.VerificationFailed if the node asks to sign anything else
   */
  public static SubmitContribution checkToSign(
      UploadView view, Hash datanetId, Address submitter, byte[] file) {
    if (!(view.result() instanceof IngestResult.Staged) || view.toSign().isEmpty()) {
      throw new IllegalArgumentException("the upload was not staged: nothing to sign");
    }
    SubmitContribution m = view.toSign().get();
    Hash content = Hash.sha256(file);
    if (!m.contentHash().equals(content)
        || m.bytes() != file.length
        || !m.datanetId().equals(datanetId)
        || !m.contributionId().equals(DatanetIds.contribution(datanetId, submitter, content))) {
      throw new ClientException.VerificationFailed(
          "the node asks to sign a contribution that is not this file from " + submitter);
    }
    return m;
  }

  /**
   * Recomputes a version's Merkle root from its JSONL export (each text re-hashed) and compares it
   * with the chain's; returns the number of rows.
   *
   * @throws ClientException.VerificationFailed when a text does not hash to its row's hash or the
   *     root differs
   */
  public static long verifyExport(Path export, Hash chainRoot) throws IOException {
    List<VersionLeaf> leaves = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        JsonNode row = Json.mapper().readTree(line);
        Hash textHash = Hash.sha256(row.get("text").asText().getBytes(StandardCharsets.UTF_8));
        if (!textHash.toHex().equals(row.get("textHash").asText())) {
          throw new ClientException.VerificationFailed(
              "row " + row.get("rowId").asText() + ": its text does not hash to its textHash");
        }
        leaves.add(
            new VersionLeaf(
                Hash.fromHex(row.get("rowId").asText()),
                Address.parse(row.get("owner").asText()),
                textHash));
      }
    }
    if (leaves.isEmpty()) {
      throw new ClientException.VerificationFailed("the export holds no rows");
    }
    Hash root = MerkleTree.build(leaves).root();
    if (!root.equals(chainRoot)) {
      throw new ClientException.VerificationFailed(
          "the export's rows give root " + root + ", but the chain recorded " + chainRoot);
    }
    return leaves.size();
  }

  /**
   * Checks a row's proof against the chain's root: the text hashes to the leaf's text hash, the
   * leaf is the row, and the Merkle path leads to the root.
   */
  public static void verifyProof(RowProofView p, Hash chainRoot) {
    InclusionProof proof = p.proof();
    Hash textHash = Hash.sha256(p.row().text().getBytes(StandardCharsets.UTF_8));
    VersionLeaf leaf = proof.leaf();
    if (!textHash.equals(leaf.textHash())
        || !leaf.rowId().equals(p.row().rowId())
        || !leaf.owner().equals(p.row().owner())) {
      throw new ClientException.VerificationFailed(
          "the row's text, id or owner does not match the proven leaf");
    }
    if (!proof.verify(chainRoot)) {
      throw new ClientException.VerificationFailed(
          "the inclusion proof does not lead to the chain's root " + chainRoot);
    }
  }

  // ---- plumbing ----

  private <T> List<T> list(String path, Class<T> element) {
    JavaType t = Json.mapper().getTypeFactory().constructCollectionType(List.class, element);
    HttpRequest req =
        HttpRequest.newBuilder(client.base().resolve(path))
            .timeout(LedgerClient.REQUEST_TIMEOUT)
            .GET()
            .build();
    return client.<List<T>>send(req, t, "GET " + path).orElseThrow();
  }

  /** The URL path of a datanet; names may hold spaces. */
  static String path(String idOrName) {
    return "/api/datanets/"
        + URLEncoder.encode(idOrName, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }
}
