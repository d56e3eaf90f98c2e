package dev.openledger.node.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Option;

/**
 * Where a key's passphrase comes from, in this order: {@code --password-file FILE} (its first
 * line), the environment variable {@code OPENLEDGER_PASSWORD}, or a prompt on the terminal.
 */
public final class PassphraseOptions {
  static final String ENV = "OPENLEDGER_PASSWORD";

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description =
          "Read the key passphrase from the first line of FILE (else $OPENLEDGER_PASSWORD, else a prompt).")
  Path passwordFile;

  /** The passphrase to unlock an existing key. */
  char[] forUnlock(String what) {
    return read("Passphrase for " + what + ": ", false);
  }

  /** The passphrase for a new key file (asked twice at a prompt). */
  char[] forNewKey(String what) {
    return read("New passphrase for " + what + ": ", true);
  }

  private char[] read(String prompt, boolean confirm) {
    if (passwordFile != null) {
      try {
        String first =
            Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream()
                .findFirst()
                .orElse("");
        return first.toCharArray();
      } catch (IOException e) {
        throw new CliFailure(
            ExitCodes.USAGE, "cannot read --password-file " + passwordFile + ": " + e.getMessage());
      }
    }
    String env = System.getenv(ENV);
    if (env != null) {
      return env.toCharArray();
    }
    Console console = System.console();
    if (console == null) {
      throw new CliFailure(
          ExitCodes.USAGE,
          "a passphrase is needed: give --password-file FILE or set "
              + ENV
              + " (no terminal to prompt on)");
    }
    char[] first = console.readPassword("%s", prompt);
    if (first == null) {
      throw new CliFailure(ExitCodes.USAGE, "no passphrase entered");
    }
    if (confirm) {
      char[] again = console.readPassword("Repeat it: ");
      boolean same = Arrays.equals(first, again);
      if (again != null) {
        Arrays.fill(again, '\0');
      }
      if (!same) {
        Arrays.fill(first, '\0');
        throw new CliFailure(ExitCodes.USAGE, "the two passphrases differ");
      }
    }
    return first;
  }
}
