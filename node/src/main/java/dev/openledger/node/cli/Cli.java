package dev.openledger.node.cli;

import dev.openledger.core.Result;
import dev.openledger.node.client.ClientException;
import dev.openledger.node.client.LedgerClient;
import dev.openledger.node.home.NodeHome;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What every command shares: the global options, output streams, and the mapping of failures to
 * exit codes.
 */
final class Cli {
  private Cli() {}

  /** The root command, which holds the global options. */
  static Main root(CommandSpec spec) {
    CommandLine c = spec.commandLine();
    while (c.getParent() != null) {
      c = c.getParent();
    }
    return (Main) c.getCommand();
  }

  static PrintWriter out(CommandSpec spec) {
    return spec.commandLine().getOut();
  }

  /**
   * The repository root, where {@code scripts/fetch-data} put the data sets: {@code
   * OPENLEDGER_REPO_ROOT} (set by the {@code ./openledger} launcher), else the {@code
   * openledger.repo.root} property, else the working directory.
   */
  static java.nio.file.Path repoRoot() {
    String env = System.getenv("OPENLEDGER_REPO_ROOT");
    String prop = System.getProperty("openledger.repo.root");
    return java.nio.file.Path.of(env != null ? env : prop != null ? prop : ".")
        .toAbsolutePath()
        .normalize();
  }

  static NodeHome home(CommandSpec spec) {
    return NodeHome.at(root(spec).home());
  }

  static LedgerClient client(CommandSpec spec) {
    try {
      return new LedgerClient(root(spec).nodeUrl());
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ExitCodes.USAGE, e.getMessage());
    }
  }

  /** The value of a result, or a failure with {@code exitCode} and the result's message. */
  static <T> T require(Result<T> result, int exitCode) {
    if (result instanceof Result.Err<T> err) {
      throw new CliFailure(exitCode, err.message());
    }
    return result.orElseThrow();
  }

  /** Runs a command body, turning expected failures into a message on stderr and an exit code. */
  static int guard(CommandSpec spec, Callable<Integer> body) {
    PrintWriter err = spec.commandLine().getErr();
    try {
      return body.call();
    } catch (CliFailure e) {
      err.println("error: " + e.getMessage());
      return e.exitCode();
    } catch (ClientException.Unreachable e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.UNREACHABLE;
    } catch (ClientException.VerificationFailed e) {
      err.println("verification failed: " + e.getMessage());
      return ExitCodes.VERIFY_FAILED;
    } catch (ClientException.ApiError e) {
      if (e.status() == 404) {
        err.println("error: " + e.getMessage());
        return ExitCodes.FAILURE;
      }
      err.println("error: the node refused (" + e.code() + "): " + e.getMessage());
      return e.status() >= 500 ? ExitCodes.FAILURE : ExitCodes.REJECTED;
    } catch (UncheckedIOException e) {
      err.println(
          "error: "
              + e.getMessage()
              + (e.getCause() != null ? ": " + e.getCause().getMessage() : ""));
      return ExitCodes.FAILURE;
    } catch (Exception e) {
      err.println("error: " + e);
      return ExitCodes.FAILURE;
    } finally {
      err.flush();
      spec.commandLine().getOut().flush();
    }
  }
}
