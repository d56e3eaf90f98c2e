package dev.openledger.node.cli;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.keystore.Keystore;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.node.api.view.StatusView;
import java.util.Arrays;
import java.util.List;

/**
 * Turns {@code --from} into a key: a keystore name (decrypted with the passphrase), or {@code
 * devnet:NAME} for the devnet's labelled insecure keys, accepted only when the node runs the devnet
 * chain.
 */
final class Signers {
  static final String DEVNET_PREFIX = "devnet:";

  private Signers() {}

  static KeyPair resolve(
      String from, Keystore keystore, PassphraseOptions passphrase, StatusView status) {
    if (from != null && from.startsWith(DEVNET_PREFIX)) {
      if (!status.chainId().equals(DevnetGenesis.CHAIN_ID)) {
        throw new CliFailure(
            ExitCodes.USAGE,
            "devnet keys are only for the devnet; this node runs '" + status.chainId() + "'");
      }
      return DevnetGenesis.key(from.substring(DEVNET_PREFIX.length()));
    }
    String name = from != null ? from : onlyKey(keystore);
    Cli.require(keystore.get(name), ExitCodes.USAGE);
    char[] pw = passphrase.forUnlock("key '" + name + "'");
    try {
      Result<KeyPair> key = keystore.unlock(name, pw);
      return Cli.require(key, ExitCodes.USAGE);
    } finally {
      Arrays.fill(pw, '\0');
    }
  }

  private static String onlyKey(Keystore keystore) {
    List<String> names =
        keystore.list().stream().filter(Result::isOk).map(r -> r.orElseThrow().name()).toList();
    if (names.size() == 1) {
      return names.get(0);
    }
    throw new CliFailure(
        ExitCodes.USAGE,
        names.isEmpty()
            ? "no keys in "
                + keystore.dir()
                + "; create one with `openledger keys new NAME`, or use --from devnet:alice on the devnet"
            : "several keys in " + keystore.dir() + " " + names + "; choose one with --from NAME");
  }
}
