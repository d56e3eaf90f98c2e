package dev.openledger.node.cli;

import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.core.receipt.UsageReceipt;
import dev.openledger.node.client.ClientException;
import dev.openledger.node.client.InferenceClient;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code openledger infer --model NAME --prompt TEXT [--stream] [--chat] [--key KEY]}: asks a
 * serving node (--node) through its OpenAI-compatible API and prints the answer and its signed
 * usage receipt. Exit 3 when the node refuses the request (bad key, no funded channel, unknown
 * model), 5 when the receipt does not verify.
 */
@Command(
    name = "infer",
    mixinStandardHelpOptions = true,
    description = {
      "Asks a model on a serving node (--node) through its OpenAI-compatible API and prints the answer and its signed usage receipt.",
      "The request is paid from the key's account's payment channel to the node's provider (`payment open`, `payment bind-key`)."
    })
final class InferCommand implements Callable<Integer> {
  static final String KEY_ENV = "OPENLEDGER_API_KEY";

  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "NAME",
      description = "The model (GET /v1/models lists them).")
  String model;

  @Option(
      names = "--prompt",
      required = true,
      paramLabel = "TEXT",
      description = "The text to continue (or, with --chat, your message).")
  String prompt;

  @Option(
      names = "--chat",
      description =
          "Send the prompt as a chat message (/v1/chat/completions) instead of a completion prompt.")
  boolean chat;

  @Option(
      names = "--stream",
      description = "Print the answer as it is generated (server-sent events).")
  boolean stream;

  @Option(
      names = "--key",
      paramLabel = "KEY",
      description = "API key bound on chain (default: $" + KEY_ENV + ").")
  String key;

  @Option(
      names = "--max-tokens",
      paramLabel = "N",
      description = "The most tokens to generate (default: the server's).")
  Integer maxTokens;

  @Option(names = "--temperature", paramLabel = "T", description = "0 (greedy) to 2 (default: 1).")
  Double temperature;

  @Option(names = "--seed", paramLabel = "S", description = "Seed for reproducible sampling.")
  Long seed;

  @Override
  public Integer call() {
    return Cli.guard(
        spec,
        () -> {
          String k = key != null ? key : System.getenv(KEY_ENV);
          if (k == null || k.isBlank()) {
            throw new CliFailure(
                ExitCodes.USAGE,
                "no API key: pass --key KEY or set $"
                    + KEY_ENV
                    + " (bind one with `openledger payment bind-key`)");
          }
          InferenceClient client = new InferenceClient(Cli.root(spec).nodeUrl(), k);
          InferenceClient.Request r =
              new InferenceClient.Request(
                  model,
                  prompt,
                  chat,
                  maxTokens == null ? OptionalInt.empty() : OptionalInt.of(maxTokens),
                  Optional.ofNullable(temperature),
                  seed == null ? OptionalLong.empty() : OptionalLong.of(seed));
          PrintWriter out = Cli.out(spec);
          InferenceClient.Answer a;
          try {
            if (stream) {
              a =
                  client.stream(
                      r,
                      piece -> {
                        out.print(piece);
                        out.flush();
                      });
              out.println();
            } else {
              a = client.complete(r);
              out.println(a.text());
            }
          } catch (ClientException.ApiError e) {
            out.println("refused (" + e.status() + " " + e.code() + "): " + e.getMessage());
            return ExitCodes.REJECTED;
          } catch (ClientException.VerificationFailed e) {
            out.println("NOT VERIFIED: " + e.getMessage());
            return ExitCodes.VERIFY_FAILED;
          }
          printReceipt(out, a);
          return ExitCodes.OK;
        });
  }

  static void printReceipt(PrintWriter out, InferenceClient.Answer a) {
    SignedReceipt s = a.receipt();
    UsageReceipt r = s.receipt();
    out.println("---");
    out.printf(
        "%s  finish %s  %d prompt + %d completion tokens%n",
        a.id(), a.finishReason(), r.promptTokens(), r.completionTokens());
    out.printf(
        "receipt: %s OPEN (%d tokens x %s), channel %s… nonce %d, cumulative %s OPEN%n",
        r.charge().toPlainString(),
        r.totalTokens(),
        r.pricePerToken().toPlainString(),
        r.channel().shortHex(),
        r.nonce(),
        r.cumulativeCharged().toPlainString());
    out.printf(
        "signed by provider %s (signature verified); settles on chain with the provider's next batch%n",
        r.provider());
    out.println("receipt hex " + s.toHex());
  }
}
