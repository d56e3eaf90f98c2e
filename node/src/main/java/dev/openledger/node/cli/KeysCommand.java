package dev.openledger.node.cli;

import dev.openledger.core.Hex;
import dev.openledger.core.Result;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.keystore.Keystore;
import dev.openledger.ledger.genesis.DevnetGenesis;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code openledger keys new|list|show|import|export}: encrypted key files in {@code <home>/keys}.
 */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description =
        "Manage encrypted keys in <home>/keys (private keys are never printed or stored unencrypted).",
    subcommands = {
      KeysCommand.New.class,
      KeysCommand.ListKeys.class,
      KeysCommand.Show.class,
      KeysCommand.Import.class,
      KeysCommand.Export.class
    })
final class KeysCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(Cli.out(spec));
  }

  static Keystore keystore(CommandSpec spec) {
    return Cli.home(spec).keystore();
  }

  static void describe(PrintWriter out, Keystore.Entry e) {
    out.println("name        " + e.name());
    out.println("address     " + e.keyFile().address());
    out.println("public key  " + e.keyFile().publicKey());
    out.println("file        " + e.file());
  }

  /** {@code keys new NAME}. */
  @Command(
      name = "new",
      mixinStandardHelpOptions = true,
      description = "Generate a key and store it encrypted.")
  static final class New implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        paramLabel = "NAME",
        description = "Name of the key (lowercase letters, digits, - and _).")
    String name;

    @Mixin PassphraseOptions passphrase;

    @Override
    public Integer call() {
      return Cli.guard(spec, () -> store(spec, name, KeyPair.generate(), passphrase, "created"));
    }
  }

  static int store(
      CommandSpec spec, String name, KeyPair key, PassphraseOptions passphrase, String verb) {
    Keystore ks = keystore(spec);
    Cli.require(
        Keystore.NAME.matcher(name).matches()
            ? Result.ok(name)
            : Result.err(
                "bad_name", "key name '" + name + "' must match " + Keystore.NAME.pattern()),
        ExitCodes.USAGE);
    if (Files.exists(ks.file(name))) {
      throw new CliFailure(
          ExitCodes.USAGE, "a key named '" + name + "' already exists in " + ks.dir());
    }
    char[] pw = passphrase.forNewKey("key '" + name + "'");
    try {
      Keystore.Entry e = Cli.require(ks.add(name, key, pw), ExitCodes.USAGE);
      PrintWriter out = Cli.out(spec);
      out.println(verb + " key '" + name + "'");
      describe(out, e);
      return ExitCodes.OK;
    } finally {
      Arrays.fill(pw, '\0');
      key.destroy();
    }
  }

  /** {@code keys list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List keys: name and address.")
  static final class ListKeys implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            Keystore ks = keystore(spec);
            List<Result<Keystore.Entry>> entries = ks.list();
            PrintWriter out = Cli.out(spec);
            if (entries.isEmpty()) {
              out.println(
                  "no keys in " + ks.dir() + " (create one with: openledger keys new NAME)");
            }
            int bad = 0;
            for (Result<Keystore.Entry> r : entries) {
              if (r instanceof Result.Err<Keystore.Entry> err) {
                spec.commandLine().getErr().println("warning: " + err.message());
                bad++;
              } else {
                Keystore.Entry e = r.orElseThrow();
                out.printf("%-20s %s%n", e.name(), e.keyFile().address());
              }
            }
            return bad == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
          });
    }
  }

  /** {@code keys show NAME}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show a key's address, public key and file.")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            describe(Cli.out(spec), Cli.require(keystore(spec).get(name), ExitCodes.USAGE));
            return ExitCodes.OK;
          });
    }
  }

  /** {@code keys import NAME --file F | --seed-file F | --devnet NAME}. */
  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description =
          "Import a key: an encrypted key file, a raw seed file (hex), or a devnet test key.")
  static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "Name to store it under.")
    String name;

    @ArgGroup(multiplicity = "1")
    Source source;

    @Mixin PassphraseOptions passphrase;

    /** Exactly one source. */
    static final class Source {
      @Option(
          names = "--file",
          paramLabel = "KEYFILE",
          description = "An encrypted key file (as written by keys export); it stays encrypted.")
      Path file;

      @Option(
          names = "--seed-file",
          paramLabel = "FILE",
          description = "A file holding a 32-byte Ed25519 seed in hex; it is encrypted on import.")
      Path seedFile;

      @Option(
          names = "--devnet",
          paramLabel = "ACCOUNT",
          description = "A devnet account's INSECURE labelled key (alice, bob, carol, dave).")
      String devnet;
    }

    @Override
    public Integer call() {
      return Cli.guard(spec, this::run);
    }

    private int run() throws IOException {
      if (source.file != null) {
        Keystore.Entry e =
            Cli.require(keystore(spec).importFile(name, source.file), ExitCodes.USAGE);
        PrintWriter out = Cli.out(spec);
        out.println("imported key '" + name + "' (still encrypted with its original passphrase)");
        describe(out, e);
        return ExitCodes.OK;
      }
      if (source.devnet != null) {
        spec.commandLine()
            .getErr()
            .println(
                "warning: devnet keys are derived from public labels; anyone can sign with them");
        return store(spec, name, DevnetGenesis.key(source.devnet), passphrase, "imported devnet");
      }
      byte[] seed;
      try {
        seed =
            Hex.decode(
                new String(Files.readAllBytes(source.seedFile), StandardCharsets.US_ASCII).trim());
      } catch (IllegalArgumentException e) {
        throw new CliFailure(
            ExitCodes.USAGE, source.seedFile + " does not hold a hex seed: " + e.getMessage());
      }
      if (seed.length != KeyPair.SEED_LENGTH) {
        throw new CliFailure(
            ExitCodes.USAGE,
            source.seedFile
                + " holds "
                + seed.length
                + " bytes; an Ed25519 seed is "
                + KeyPair.SEED_LENGTH);
      }
      KeyPair key = KeyPair.fromSeed(seed);
      Arrays.fill(seed, (byte) 0);
      return store(spec, name, key, passphrase, "imported");
    }
  }

  /** {@code keys export NAME --out FILE}. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = "Copy a key's encrypted file (never the plain private key).")
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME")
    String name;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "FILE",
        description = "Where to write the encrypted key file (must not exist).")
    Path out;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            Keystore.Entry e = Cli.require(keystore(spec).get(name), ExitCodes.USAGE);
            try {
              Files.copy(e.file(), out);
            } catch (FileAlreadyExistsException ex) {
              throw new CliFailure(ExitCodes.USAGE, out + " already exists");
            }
            Cli.out(spec)
                .println(
                    "exported the encrypted key file of '"
                        + name
                        + "' ("
                        + e.keyFile().address()
                        + ") to "
                        + out);
            return ExitCodes.OK;
          });
    }
  }
}
