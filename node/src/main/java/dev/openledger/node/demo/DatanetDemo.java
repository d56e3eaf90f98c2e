package dev.openledger.node.demo;

import static dev.openledger.node.demo.DemoContext.expect;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.json.Json;
import dev.openledger.datanet.ExportRow;
import dev.openledger.datanet.IngestResult;
import dev.openledger.datanet.RowDecision;
import dev.openledger.datanet.bench.BrownCorpus;
import dev.openledger.datanet.leaderboard.LeaderboardEntry;
import dev.openledger.datanet.validate.DuplicateOf;
import dev.openledger.datanet.version.InclusionProof;
import dev.openledger.ledger.datanet.DatanetIds;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.msg.AccessTerms;
import dev.openledger.ledger.msg.AddCurator;
import dev.openledger.ledger.msg.ContributionPolicy;
import dev.openledger.ledger.msg.CreateDatanet;
import dev.openledger.ledger.msg.DataType;
import dev.openledger.ledger.msg.PublishVersion;
import dev.openledger.ledger.msg.ReviewContribution;
import dev.openledger.ledger.msg.SubmitContribution;
import dev.openledger.node.api.view.TxView;
import dev.openledger.node.client.ClientException;
import dev.openledger.node.client.DatanetClient;
import dev.openledger.node.datanet.ContributionView;
import dev.openledger.node.datanet.PreviewView;
import dev.openledger.node.datanet.RowProofView;
import dev.openledger.node.datanet.UploadView;
import dev.openledger.node.datanet.VersionView;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The datanets' part of the demo: datanets for three Brown corpus genres, files from several
 * accounts (each signed by its contributor), a copy refused with a pointer to the original, review
 * by the owner and a curator, a published version exported and checked against its root, and a row
 * proved.
 */
public final class DatanetDemo {
  /**
   * Genre letter, datanet name, summary, the Brown files contributed by bob, carol and dave in
   * turn.
   */
  private record Genre(char letter, String name, String summary, List<String> files) {}

  private static final List<Genre> GENRES =
      List.of(
          new Genre(
              'a',
              "Press reportage",
              "News stories from 1961 American newspapers",
              List.of("ca01", "ca02", "ca03", "ca04")),
          new Genre(
              'd',
              "Religion",
              "Religious prose: sermons, tracts, theology",
              List.of("cd01", "cd02", "cd03")),
          new Genre('r', "Humor", "Humorous essays and fiction", List.of("cr01", "cr02", "cr03")));
  private static final List<String> CONTRIBUTORS = List.of("bob", "carol", "dave");

  private DatanetDemo() {}

  public static List<DemoStep> steps() {
    return List.of(
        DemoStep.of("Alice creates datanets for three Brown corpus genres", DatanetDemo::create),
        DemoStep.of(
            "Bob, Carol and Dave contribute files; each signs its own SubmitContribution",
            DatanetDemo::contribute),
        DemoStep.of("Copies are refused, pointing at the first submitter", DatanetDemo::copies),
        DemoStep.of("Only the owner and curators review", DatanetDemo::review),
        DemoStep.of("Alice publishes version 1 of the press datanet", DatanetDemo::publish),
        DemoStep.of(
            "Anyone exports the version, recomputes its root and proves a row",
            DatanetDemo::exportAndProve),
        DemoStep.of(
            "The leaderboard ranks contributors by accepted rows", DatanetDemo::leaderboard));
  }

  /** The repository root: where the Brown corpus was fetched. */
  static Path repoRoot() {
    String p = System.getProperty("openledger.repo.root");
    if (p == null) {
      p = System.getenv("OPENLEDGER_REPO_ROOT");
    }
    return Path.of(p == null ? "." : p);
  }

  private static DatanetClient datanets(DemoContext ctx) {
    return new DatanetClient(ctx.client());
  }

  private static Hash id(String name) {
    return DatanetIds.datanet(DevnetGenesis.key("alice").address(), name);
  }

  private static void create(DemoContext ctx) throws IOException {
    BrownCorpus brown = BrownCorpus.at(repoRoot());
    ctx.put("brown", brown);
    for (Genre g : GENRES) {
      String description =
          "# "
              + g.name()
              + "\n\nParagraphs from the Brown corpus, genre "
              + g.letter()
              + ": "
              + g.summary().toLowerCase(Locale.ROOT)
              + ".";
      CreateDatanet m =
          new CreateDatanet(
              g.name(),
              g.summary(),
              description,
              List.of("brown", "english"),
              DataType.TEXT,
              "CC-BY-4.0",
              ContributionPolicy.open(),
              AccessTerms.open());
      TxView v = ctx.submitAndWait(ctx.sign(ctx.key("alice"), m));
      expect(
          "ok".equals(v.code()),
          "creating " + g.name() + " failed: " + v.code() + " " + v.message());
      String fee =
          v.events().stream()
              .filter(e -> e.type().equals("datanet.created"))
              .findFirst()
              .orElseThrow()
              .attributes()
              .stream()
              .filter(a -> a.key().equals("fee"))
              .findFirst()
              .orElseThrow()
              .value();
      ctx.say(
          "%-16s %s…  deployment fee %s OPEN for %d bytes of metadata",
          g.name(), id(g.name()).shortHex(), fee, m.metadataBytes());
    }
  }

  /** Uploads, checks the values to sign, signs with the contributor's own key, submits. */
  private static SubmitContribution contributeOne(
      DemoContext ctx, Hash datanet, KeyPair from, String fileName, byte[] bytes) {
    UploadView up = datanets(ctx).upload(datanet.toHex(), from.address(), fileName, bytes);
    expect(up.result() instanceof IngestResult.Staged, fileName + " was refused: " + up.result());
    SubmitContribution m = DatanetClient.checkToSign(up, datanet, from.address(), bytes);
    TxView v = ctx.submitAndWait(ctx.sign(from, m));
    expect(
        "ok".equals(v.code()),
        "the submission of " + fileName + " failed: " + v.code() + " " + v.message());
    IngestResult.Staged st = (IngestResult.Staged) up.result();
    ctx.say(
        "%-5s %s.txt -> %-16s %4d/%-4d rows accepted, score %.3f, block %d",
        name(ctx, from.address()),
        fileName.replace(".txt", ""),
        shortName(datanet),
        st.rowsAccepted(),
        st.rowsTotal(),
        st.score(),
        v.height());
    return m;
  }

  private static void contribute(DemoContext ctx) throws IOException {
    BrownCorpus brown = ctx.get("brown", BrownCorpus.class);
    List<SubmitContribution> all = new ArrayList<>();
    for (Genre g : GENRES) {
      for (int i = 0; i < g.files().size(); i++) {
        String file = g.files().get(i);
        KeyPair from = ctx.key(CONTRIBUTORS.get(i % CONTRIBUTORS.size()));
        all.add(
            contributeOne(
                ctx,
                id(g.name()),
                from,
                file + ".txt",
                brown.text(file).getBytes(StandardCharsets.UTF_8)));
      }
    }
    ctx.put("contributions", all);
    ctx.say(
        "the node stored each file before answering; the key never left the contributor (the node returned what to sign)");
  }

  private static void copies(DemoContext ctx) throws IOException {
    BrownCorpus brown = ctx.get("brown", BrownCorpus.class);
    Hash press = id("Press reportage");
    String original = brown.text("ca01");
    KeyPair dave = ctx.key("dave");
    UploadView copy =
        datanets(ctx)
            .upload(
                press.toHex(),
                dave.address(),
                "my-news.txt",
                original.getBytes(StandardCharsets.UTF_8));
    expect(
        copy.result() instanceof IngestResult.Rejected, "an exact copy of bob's ca01 was accepted");
    DuplicateOf first = pointer(copy.result().rows());
    ctx.say(
        "dave uploads bob's ca01 as my-news.txt: rejected (%s); row 0 duplicates row %s… of contribution %s…, owned by %s",
        ((IngestResult.Rejected) copy.result()).rejection().reason().code(),
        first.rowId().shortHex(),
        first.contributionId().shortHex(),
        name(ctx, first.owner()));
    expect(first.owner().equals(ctx.key("bob").address()), "the copy should point at bob");

    String edited = original.toUpperCase(Locale.ROOT).replace(". ", ".  ").replace(",", " ,");
    UploadView near =
        datanets(ctx)
            .upload(
                press.toHex(),
                dave.address(),
                "edited.txt",
                edited.getBytes(StandardCharsets.UTF_8));
    expect(
        near.result() instanceof IngestResult.Rejected,
        "a copy with changed case and spacing was accepted");
    ctx.say(
        "the same text in capitals with changed spacing: rejected too, pointing at %s",
        name(ctx, pointer(near.result().rows()).owner()));
  }

  private static DuplicateOf pointer(List<RowDecision> rows) {
    return rows.stream()
        .flatMap(r -> r.rejection().flatMap(x -> x.original()).stream())
        .findFirst()
        .orElseThrow(() -> new DemoFailure("the rejection carries no pointer to the original"));
  }

  @SuppressWarnings("unchecked")
  private static void review(DemoContext ctx) {
    List<SubmitContribution> all = ctx.get("contributions", List.class);
    Hash press = id("Press reportage");
    List<SubmitContribution> pressOnes =
        all.stream().filter(m -> m.datanetId().equals(press)).toList();
    TxView stranger =
        ctx.submitAndWait(
            ctx.sign(
                ctx.key("dave"),
                new ReviewContribution(pressOnes.get(0).contributionId(), true, "")));
    expect("unauthorized".equals(stranger.code()), "dave could review: " + stranger.code());
    ctx.say(
        "dave tries to approve a press contribution: included, failed (%s), fee charged",
        stranger.code());
    TxView curator =
        ctx.submitAndWait(
            ctx.sign(ctx.key("alice"), new AddCurator(press, ctx.key("carol").address())));
    expect("ok".equals(curator.code()), "adding carol as curator failed: " + curator.message());
    ctx.say("alice makes carol a curator of the press datanet");
    for (int i = 0; i < pressOnes.size(); i++) {
      SubmitContribution m = pressOnes.get(i);
      boolean approve = i < pressOnes.size() - 1;
      KeyPair reviewer = ctx.key(i % 2 == 0 ? "carol" : "alice");
      TxView v =
          ctx.submitAndWait(
              ctx.sign(
                  reviewer,
                  new ReviewContribution(
                      m.contributionId(),
                      approve,
                      approve ? "on topic" : "we have enough of this reporter")));
      expect("ok".equals(v.code()), "review failed: " + v.code() + " " + v.message());
      ctx.say(
          "%-5s %s %s (%s)",
          name(ctx, reviewer.address()),
          approve ? "approves" : "rejects ",
          m.fileName(),
          approve ? "on topic" : "we have enough of this reporter");
    }
    for (SubmitContribution m : all) {
      if (!m.datanetId().equals(press)) {
        ctx.submitAndWait(
            ctx.sign(ctx.key("alice"), new ReviewContribution(m.contributionId(), true, "")));
      }
    }
    ctx.say("alice approves every contribution to the other two datanets");
  }

  private static void publish(DemoContext ctx) throws InterruptedException {
    Hash press = id("Press reportage");
    DatanetClient dc = datanets(ctx);
    List<Hash> accepted =
        dc.contributions(press.toHex(), Optional.of("accepted"), 0, 100).contributions().stream()
            .map(ContributionView::id)
            .toList();
    PreviewView p = dc.preview(press.toHex(), accepted);
    ctx.say(
        "the node computes the root over %d rows of %d accepted contributions: %s…",
        p.rows(), accepted.size(), p.root().shortHex());
    TxView v =
        ctx.submitAndWait(
            ctx.sign(
                ctx.key("alice"),
                new PublishVersion(press, p.version(), p.root(), p.rows(), accepted)));
    expect("ok".equals(v.code()), "publishing failed: " + v.code() + " " + v.message());
    ctx.say(
        "alice signs PublishVersion %d in block %d and pays the versioning fee of %s (%d bytes of data)",
        p.version(), v.height(), p.fee(), p.bytes());
    expect(
        ctx.node().datanets().sync().awaitHeight(v.height(), Duration.ofSeconds(30)),
        "the node did not build the version");
    VersionView built = dc.version(press.toHex(), 1).orElseThrow();
    expect(built.servedHere(), "the node's rows do not hash to the root on chain");
  }

  private static void exportAndProve(DemoContext ctx) throws IOException {
    Hash press = id("Press reportage");
    DatanetClient dc = datanets(ctx);
    VersionView v = dc.version(press.toHex(), 1).orElseThrow();
    Path export = ctx.dir().resolve("press-v1.jsonl");
    try (OutputStream out = Files.newOutputStream(export)) {
      dc.export(press.toHex(), 1, out);
    }
    long rows = DatanetClient.verifyExport(export, v.root());
    ctx.say(
        "export: %d rows of JSONL (%d bytes); every text re-hashed, the Merkle root recomputed = the root on chain %s…",
        rows, Files.size(export), v.root().shortHex());
    ExportRow row =
        Json.mapper().readValue(Files.readAllLines(export).get((int) (rows / 2)), ExportRow.class);
    RowProofView p = dc.proof(press.toHex(), 1, row.rowId());
    DatanetClient.verifyProof(p, v.root());
    ctx.say(
        "row %s… (owner %s) is leaf %d of %d: proof of %d hashes verifies against the chain's root",
        row.rowId().shortHex(),
        name(ctx, row.owner()),
        p.proof().leafIndex(),
        p.proof().leafCount(),
        p.proof().siblings().size());
    InclusionProof moved =
        new InclusionProof(
            p.proof().leaf(),
            p.proof().leafIndex() ^ 1,
            p.proof().leafCount(),
            p.proof().siblings());
    RowProofView tampered = new RowProofView(p.datanetId(), p.version(), p.root(), p.row(), moved);
    try {
      DatanetClient.verifyProof(tampered, v.root());
      throw new DemoFailure("a proof with a changed leaf index verified");
    } catch (ClientException.VerificationFailed e) {
      ctx.say("the same proof with the leaf index changed: rejected (%s)", e.getMessage());
    }
  }

  private static void leaderboard(DemoContext ctx) {
    for (Genre g : GENRES) {
      List<LeaderboardEntry> board = datanets(ctx).leaderboard(id(g.name()).toHex());
      StringBuilder line = new StringBuilder();
      for (LeaderboardEntry e : board) {
        line.append(
            String.format(
                Locale.ROOT,
                "  %d. %s %d/%d rows",
                e.rank(),
                name(ctx, e.contributor()),
                e.rowsAccepted(),
                e.rowsDecided()));
      }
      ctx.say("%-16s%s", g.name(), line);
    }
  }

  private static String shortName(Hash datanet) {
    for (Genre g : GENRES) {
      if (id(g.name()).equals(datanet)) {
        return g.name();
      }
    }
    return datanet.shortHex();
  }

  private static String name(DemoContext ctx, Address a) {
    for (String n : DevnetGenesis.ACCOUNTS) {
      if (ctx.key(n).address().equals(a)) {
        return n;
      }
    }
    return a.toString();
  }
}
