package dev.openledger.node.datanet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.json.Json;
import dev.openledger.core.money.Amount;
import dev.openledger.datanet.ExportRow;
import dev.openledger.datanet.IngestResult;
import dev.openledger.datanet.VersionPreview;
import dev.openledger.datanet.leaderboard.ContributionOutcome;
import dev.openledger.datanet.leaderboard.Leaderboard;
import dev.openledger.datanet.leaderboard.LeaderboardEntry;
import dev.openledger.datanet.store.ContributionRecord;
import dev.openledger.datanet.store.RowRecord;
import dev.openledger.datanet.store.VersionRecord;
import dev.openledger.datanet.validate.UsageSnapshot;
import dev.openledger.datanet.version.InclusionProof;
import dev.openledger.ledger.datanet.AccessCheck;
import dev.openledger.ledger.datanet.Contribution;
import dev.openledger.ledger.datanet.ContributionStatus;
import dev.openledger.ledger.datanet.Datanet;
import dev.openledger.ledger.datanet.DatanetKeeper;
import dev.openledger.ledger.datanet.DatanetModule;
import dev.openledger.ledger.datanet.Fees;
import dev.openledger.ledger.datanet.PublishedVersion;
import dev.openledger.ledger.datanet.UsageToday;
import dev.openledger.ledger.engine.LedgerEngine;
import dev.openledger.ledger.engine.StateSnapshot;
import dev.openledger.ledger.msg.ContributionPolicy;
import dev.openledger.ledger.msg.SubmitContribution;
import dev.openledger.node.api.ApiException;
import dev.openledger.node.api.ApiServer;
import dev.openledger.node.api.Params;
import dev.openledger.node.api.RouteModule;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.javalin.router.JavalinDefaultRouting;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The datanet routes. Reads come from the chain (the record of who contributed what, and its
 * status) and from this node's service (files, rows, versions' rows). Writes are signed
 * transactions posted to {@code /api/tx}; the two POSTs here prepare what the client signs.
 *
 * <pre>
 * GET  /api/datanets                                      parameters and every datanet
 * GET  /api/datanets/{id}                                 one datanet (id or name)
 * GET  /api/datanets/{id}/contributions[?status=&amp;offset=&amp;limit=]
 * GET  /api/datanets/{id}/contributions/{contribution}
 * POST /api/datanets/{id}/uploads                         multipart: submitter, file → staged + message to sign | rejected
 * GET  /api/datanets/{id}/contributors                    per-contributor statistics
 * GET  /api/datanets/{id}/leaderboard                     contributors ranked
 * GET  /api/datanets/{id}/usage/{address}                 today's usage against the limits
 * GET  /api/datanets/{id}/access/{address}[?version=N]    may the account train on the version
 * GET  /api/datanets/{id}/versions                        published versions
 * POST /api/datanets/{id}/versions/preview                {"contributionIds"} → the next version's root, rows, fee
 * GET  /api/datanets/{id}/versions/{v}
 * GET  /api/datanets/{id}/versions/{v}/export             JSONL, one row per line in leaf order
 * GET  /api/datanets/{id}/versions/{v}/proof/{row}        a row with its inclusion proof
 * </pre>
 */
final class DatanetRoutes implements RouteModule {
  private static final int MAX_PAGE = 1000;

  private final DatanetNode node;
  private final LedgerEngine engine;
  private final DatanetModule module;
  private final DatanetKeeper keeper;
  private final Clock clock;

  DatanetRoutes(DatanetNode node, LedgerEngine engine, Clock clock) {
    this.node = node;
    this.engine = engine;
    this.module = engine.chain().module(DatanetModule.class);
    this.keeper = module.keeper();
    this.clock = clock;
  }

  @Override
  public void routes(JavalinDefaultRouting r) {
    r.get("/api/datanets", this::list);
    r.get("/api/datanets/{id}", ctx -> ctx.json(view(snapshot(), datanet(ctx))));
    r.get("/api/datanets/{id}/contributions", this::contributions);
    r.get("/api/datanets/{id}/contributions/{contribution}", this::contribution);
    r.post("/api/datanets/{id}/uploads", this::upload);
    r.get("/api/datanets/{id}/contributors", this::contributors);
    r.get("/api/datanets/{id}/leaderboard", this::leaderboard);
    r.get("/api/datanets/{id}/usage/{address}", this::usage);
    r.get("/api/datanets/{id}/access/{address}", this::access);
    r.get("/api/datanets/{id}/versions", this::versions);
    r.post("/api/datanets/{id}/versions/preview", this::preview);
    r.get(
        "/api/datanets/{id}/versions/{version}",
        ctx -> ctx.json(versionView(published(ctx, datanet(ctx)))));
    r.get("/api/datanets/{id}/versions/{version}/export", this::export);
    r.get("/api/datanets/{id}/versions/{version}/proof/{row}", this::proof);
  }

  private StateSnapshot snapshot() {
    return engine.reader().snapshot();
  }

  private Datanet datanet(Context ctx) {
    String id = ctx.pathParam("id");
    return module
        .find(snapshot(), id)
        .orElseThrow(
            () ->
                ApiException.notFound(
                    "no datanet '" + id + "' on this chain (give its id or its name)"));
  }

  private void list(Context ctx) {
    StateSnapshot s = snapshot();
    List<DatanetView> all = new ArrayList<>();
    for (Datanet d : keeper.datanets(s)) {
      all.add(view(s, d));
    }
    ctx.json(new DatanetListView(module.params(s), all));
  }

  private DatanetView view(StateSnapshot s, Datanet d) {
    var c = d.spec();
    return new DatanetView(
        d.id(),
        d.owner(),
        c.name(),
        c.summary(),
        c.description(),
        c.tags(),
        c.dataType(),
        c.licence(),
        c.policy(),
        c.access(),
        d.createdHeight(),
        time(d.createdAtMillis()),
        keeper.tally(s, d.id()),
        keeper.curators(s, d.id()),
        keeper.allowed(s, d.id()));
  }

  // ---- contributions ----

  private void contributions(Context ctx) throws IOException {
    StateSnapshot s = snapshot();
    Datanet d = datanet(ctx);
    Optional<ContributionStatus> status =
        Optional.ofNullable(ctx.queryParam("status")).map(DatanetRoutes::status);
    long offset =
        ctx.queryParam("offset") == null
            ? 0
            : Params.nonNegativeLong(ctx.queryParam("offset"), "offset");
    long limit =
        ctx.queryParam("limit") == null
            ? 100
            : Math.min(MAX_PAGE, Params.nonNegativeLong(ctx.queryParam("limit"), "limit"));
    long total = keeper.tally(s, d.id()).contributions();
    List<ContributionView> page = new ArrayList<>();
    if (status.isEmpty()) {
      for (Hash id : keeper.contributionIds(s, d.id(), offset, (int) limit)) {
        page.add(contributionView(keeper.contribution(s, id).orElseThrow()));
      }
    } else {
      long skipped = 0;
      for (Hash id : keeper.contributionIds(s, d.id(), 0, Integer.MAX_VALUE)) {
        Contribution c = keeper.contribution(s, id).orElseThrow();
        if (c.status() == status.get() && skipped++ >= offset && page.size() < limit) {
          page.add(contributionView(c));
        }
      }
    }
    ctx.json(new ContributionListView(total, offset, page));
  }

  private static ContributionStatus status(String text) {
    try {
      return ContributionStatus.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "bad_status", "status must be pending, accepted or rejected, got '" + text + "'");
    }
  }

  private void contribution(Context ctx) throws IOException {
    Datanet d = datanet(ctx);
    Hash id = Params.hash(ctx.pathParam("contribution"));
    Contribution c =
        keeper
            .contribution(snapshot(), id)
            .filter(x -> x.datanetId().equals(d.id()))
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "no contribution " + id + " in datanet '" + d.name() + "'"));
    ctx.json(contributionView(c));
  }

  private ContributionView contributionView(Contribution c) throws IOException {
    SubmitContribution s = c.submission();
    Optional<ContributionRecord> here = node.service().contribution(c.id());
    return new ContributionView(
        c.id(),
        c.datanetId(),
        c.submitter(),
        s.contentHash(),
        s.bytes(),
        s.rows(),
        s.scorePpm(),
        s.fileName(),
        s.fileType(),
        c.status(),
        c.stake(),
        c.submittedHeight(),
        time(c.submittedAtMillis()),
        c.review(),
        here.map(r -> r.state().name().toLowerCase(Locale.ROOT)),
        here.map(r -> r.rowIds().size()).orElse(0));
  }

  // ---- upload ----

  private void upload(Context ctx) throws IOException {
    String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
    if (!type.startsWith("multipart/form-data")) {
      throw new ApiException(
          415,
          "unsupported_media_type",
          "upload a file as multipart/form-data with fields 'submitter' (ol1… address) and 'file'");
    }
    Datanet d = datanet(ctx);
    String submitterText;
    UploadedFile file;
    try {
      submitterText = ctx.formParam("submitter");
      file = ctx.uploadedFile("file");
    } catch (IllegalStateException e) {
      // Jetty refuses a part over the multipart limit while parsing
      throw new ApiException(
          413,
          "too_large",
          "the upload exceeds "
              + ApiServer.MAX_UPLOAD_BYTES
              + " bytes; a datanet file is at most "
              + module.params(snapshot()).limits().maxFileBytes()
              + " bytes");
    }
    if (submitterText == null || file == null) {
      throw ApiException.badRequest(
          "missing_field", "the upload needs the fields 'submitter' (ol1… address) and 'file'");
    }
    Address submitter = Params.address(submitterText);
    String fileName = fileName(file.filename());
    StateSnapshot s = snapshot();
    ContributionPolicy policy = d.spec().policy();
    if (policy.admission() == ContributionPolicy.Admission.ALLOW_LIST
        && !submitter.equals(d.owner())
        && !keeper.isCurator(s, d.id(), submitter)
        && !keeper.isAllowed(s, d.id(), submitter)) {
      throw new ApiException(
          403,
          "not_allowed",
          "datanet '"
              + d.name()
              + "' takes contributions from its allow-list only; "
              + submitter
              + " is not on it");
    }
    byte[] bytes;
    try (InputStream in = file.content()) {
      bytes = in.readAllBytes();
    }
    if (node.service().datanet(d.id()).isEmpty()) {
      node.mirror(d);
    }
    UsageToday u =
        module.usage(
            s, submitter, d.id(), Math.max(clock.millis(), s.header().header().timeMillis()));
    IngestResult result =
        node.service()
            .ingest(
                d.id(),
                submitter,
                fileName,
                bytes,
                new UsageSnapshot(u.userBytes(), u.userFiles(), u.datanetBytes()));
    Optional<SubmitContribution> toSign = Optional.empty();
    if (result instanceof IngestResult.Staged st) {
      toSign =
          Optional.of(
              new SubmitContribution(
                  d.id(),
                  st.contributionId(),
                  st.blobHash(),
                  st.bytes(),
                  st.rowsAccepted(),
                  SubmitContribution.scorePpm(st.score()),
                  fileName,
                  st.type().extension()));
    }
    ctx.json(new UploadView(result, toSign));
  }

  /** The last path segment of an uploaded name, without control characters, at most 255 bytes. */
  private static String fileName(String raw) {
    String name = raw == null ? "" : raw.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").trim();
    if (name.isEmpty() || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
      throw ApiException.badRequest(
          "bad_file_name",
          "the file needs a name of 1-255 bytes with an extension (.txt .md .jsonl .pdf .docx)");
    }
    return name;
  }

  // ---- contributors ----

  private void contributors(Context ctx) {
    Datanet d = datanet(ctx);
    List<ContributorView> out = new ArrayList<>();
    keeper.contributors(snapshot(), d.id()).forEach((a, st) -> out.add(new ContributorView(a, st)));
    ctx.json(out);
  }

  /**
   * Ranked from the chain's outcomes (accepted rows over decided rows, Wilson lower bound;
   * docs/datanets.md).
   */
  private void leaderboard(Context ctx) {
    StateSnapshot s = snapshot();
    Datanet d = datanet(ctx);
    List<ContributionOutcome> outcomes = new ArrayList<>();
    for (Hash id : keeper.contributionIds(s, d.id(), 0, Integer.MAX_VALUE)) {
      Contribution c = keeper.contribution(s, id).orElseThrow();
      ContributionOutcome.Status st =
          switch (c.status()) {
            case PENDING -> ContributionOutcome.Status.PENDING;
            case ACCEPTED -> ContributionOutcome.Status.ACCEPTED;
            case REJECTED -> ContributionOutcome.Status.REJECTED;
          };
      int rows = c.submission().rows();
      outcomes.add(
          new ContributionOutcome(
              c.submitter(),
              c.id(),
              st,
              rows,
              st == ContributionOutcome.Status.ACCEPTED ? rows : 0));
    }
    List<LeaderboardEntry> board = Leaderboard.compute(outcomes);
    ctx.json(board);
  }

  private void usage(Context ctx) {
    StateSnapshot s = snapshot();
    Datanet d = datanet(ctx);
    Address a = Params.address(ctx.pathParam("address"));
    UsageToday u =
        module.usage(s, a, d.id(), Math.max(clock.millis(), s.header().header().timeMillis()));
    ctx.json(new UsageView(u, module.params(s).limits()));
  }

  private void access(Context ctx) {
    StateSnapshot s = snapshot();
    Datanet d = datanet(ctx);
    Address a = Params.address(ctx.pathParam("address"));
    int latest = keeper.tally(s, d.id()).latestVersion();
    int version =
        ctx.queryParam("version") == null
            ? latest
            : (int)
                Math.min(
                    Integer.MAX_VALUE,
                    Params.nonNegativeLong(ctx.queryParam("version"), "version"));
    Hash root = keeper.version(s, d.id(), version).map(PublishedVersion::root).orElse(Hash.ZERO);
    AccessCheck check = module.checkAccess(s, a, d.id(), version, root);
    ctx.json(
        check instanceof AccessCheck.Granted g
            ? new AccessView(a, d.id(), version, root, true, g.basis(), "")
            : new AccessView(
                a,
                d.id(),
                version,
                root,
                false,
                ((AccessCheck.Refused) check).code(),
                ((AccessCheck.Refused) check).message()));
  }

  // ---- versions ----

  private void versions(Context ctx) throws IOException {
    Datanet d = datanet(ctx);
    List<VersionView> out = new ArrayList<>();
    for (PublishedVersion v : keeper.versions(snapshot(), d.id())) {
      out.add(versionView(v));
    }
    ctx.json(out);
  }

  private PublishedVersion published(Context ctx, Datanet d) {
    String text = ctx.pathParam("version");
    long v = Params.nonNegativeLong(text, "version");
    return keeper
        .version(snapshot(), d.id(), (int) Math.min(v, Integer.MAX_VALUE))
        .orElseThrow(
            () ->
                ApiException.notFound(
                    "datanet '" + d.name() + "' has no published version " + text));
  }

  private VersionView versionView(PublishedVersion v) throws IOException {
    return new VersionView(
        v.datanetId(),
        v.version(),
        v.root(),
        v.rows(),
        v.contributionIds(),
        v.bytes(),
        v.fee(),
        v.height(),
        time(v.publishedAtMillis()),
        servedHere(v));
  }

  private boolean servedHere(PublishedVersion v) throws IOException {
    return node.service()
        .version(v.datanetId(), v.version())
        .map(VersionRecord::root)
        .filter(v.root()::equals)
        .isPresent();
  }

  private void preview(Context ctx) throws IOException {
    Datanet d = datanet(ctx);
    PreviewRequest req = parse(ctx.bodyAsBytes());
    StateSnapshot s = snapshot();
    long bytes = 0;
    for (Hash id : req.contributionIds()) {
      Contribution c =
          keeper
              .contribution(s, id)
              .filter(x -> x.datanetId().equals(d.id()))
              .orElseThrow(
                  () ->
                      ApiException.badRequest(
                          "unknown_contribution",
                          "contribution " + id + " is not in datanet '" + d.name() + "'"));
      bytes += c.submission().bytes();
    }
    Result<VersionPreview> p = node.service().previewVersion(d.id(), req.contributionIds());
    if (p instanceof Result.Err<VersionPreview> err) {
      throw new ApiException(
          409,
          err.code(),
          err.message()
              + (err.code().equals("not_accepted")
                  ? " (on this node; is the review committed?)"
                  : ""));
    }
    Amount fee = Fees.versioning(module.params(s).fees(), bytes).orElseThrow();
    int next = keeper.tally(s, d.id()).latestVersion() + 1;
    ctx.json(
        new PreviewView(
            d.id(),
            next,
            p.orElseThrow().root(),
            p.orElseThrow().rows(),
            req.contributionIds(),
            bytes,
            fee));
  }

  private static PreviewRequest parse(byte[] body) {
    try {
      JsonNode n = Json.mapper().readTree(body);
      if (n == null
          || !n.isObject()
          || !n.has("contributionIds")
          || !n.get("contributionIds").isArray()
          || n.get("contributionIds").isEmpty()) {
        throw ApiException.badRequest(
            "malformed_json",
            "the body must be {\"contributionIds\": [\"<hex>\", ...]} with at least one id");
      }
      return Json.mapper().treeToValue(n, PreviewRequest.class);
    } catch (IOException | IllegalArgumentException e) {
      throw ApiException.badRequest(
          "malformed_json",
          "the body must be {\"contributionIds\": [\"<hex>\", ...]}: " + e.getMessage());
    }
  }

  private PublishedVersion served(Context ctx) throws IOException {
    Datanet d = datanet(ctx);
    PublishedVersion v = published(ctx, d);
    if (!servedHere(v)) {
      throw new ApiException(
          409,
          "not_served",
          "version "
              + v.version()
              + " of datanet '"
              + d.name()
              + "' is on chain, but this node does not hold "
              + "rows that hash to its root "
              + v.root());
    }
    return v;
  }

  private void export(Context ctx) throws IOException {
    PublishedVersion v = served(ctx);
    ctx.contentType("application/x-ndjson");
    node.service().export(v.datanetId(), v.version(), ctx.outputStream()).orElseThrow();
  }

  private void proof(Context ctx) throws IOException {
    PublishedVersion v = served(ctx);
    Hash rowId = Params.hash(ctx.pathParam("row"));
    Result<InclusionProof> p = node.service().proof(v.datanetId(), v.version(), rowId);
    if (p instanceof Result.Err<InclusionProof> err) {
      throw ApiException.notFound(err.message());
    }
    RowRecord r =
        node.service()
            .row(rowId)
            .orElseThrow(() -> new IOException("row " + rowId + " is in a version but not stored"));
    InclusionProof proof = p.orElseThrow();
    ExportRow row =
        new ExportRow(
            proof.leafIndex(), r.rowId(), r.owner(), r.contributionId(), r.textHash(), r.text());
    ctx.json(new RowProofView(v.datanetId(), v.version(), v.root(), row, proof));
  }

  private static String time(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }
}
