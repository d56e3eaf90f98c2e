package dev.openledger.core.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.Hex;
import dev.openledger.core.Result;
import dev.openledger.core.crypto.KeyPair;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeystoreTest {
  /**
   * A low PBKDF2 cost keeps the test fast; the format and checks are the same as with the default
   * cost.
   */
  static final int FAST = 1_000;

  static final char[] PW = "correct horse battery".toCharArray();

  @TempDir Path dir;

  @Test
  void storesEncryptedAndUnlocksOnlyWithThePassphrase() throws Exception {
    Keystore ks = new Keystore(dir, FAST);
    KeyPair key = KeyPair.insecureFromLabel("ks-test");
    Keystore.Entry e = ks.add("alice", key, PW).orElseThrow();
    assertThat(e.keyFile().address()).isEqualTo(key.address());

    String file = Files.readString(e.file());
    assertThat(file).doesNotContain(Hex.encode(key.exportSeed()));
    assertThat(file)
        .contains("aes-256-gcm")
        .contains("pbkdf2-hmac-sha256")
        .contains(key.address().toString());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(e.file())))
        .isEqualTo("rw-------");

    KeyPair back = ks.unlock("alice", PW).orElseThrow();
    assertThat(back.publicKey()).isEqualTo(key.publicKey());
    assertThat(code(ks.unlock("alice", "wrong passphrase".toCharArray())))
        .isEqualTo("wrong_passphrase");
  }

  @Test
  void refusesOverwritesBadNamesAndWeakPassphrases() {
    Keystore ks = new Keystore(dir, FAST);
    ks.add("k1", KeyPair.generate(), PW).orElseThrow();
    assertThat(code(ks.add("k1", KeyPair.generate(), PW))).isEqualTo("exists");
    assertThat(code(ks.add("../evil", KeyPair.generate(), PW))).isEqualTo("bad_name");
    assertThat(code(ks.add("k2", KeyPair.generate(), "short".toCharArray())))
        .isEqualTo("weak_passphrase");
    assertThat(code(ks.get("nope"))).isEqualTo("not_found");
    assertThat(ks.list()).hasSize(1);
  }

  @Test
  void anAlteredFileDoesNotDecrypt() throws Exception {
    Keystore ks = new Keystore(dir, FAST);
    KeyPair key = KeyPair.insecureFromLabel("ks-alter");
    Path f = ks.add("a", key, PW).orElseThrow().file();
    String json = Files.readString(f);
    KeyFile kf = ks.get("a").orElseThrow().keyFile();
    String ct = kf.crypto().ciphertext();
    char flipped = ct.charAt(0) == '0' ? '1' : '0';
    Files.writeString(f, json.replace(ct, flipped + ct.substring(1)));
    assertThat(code(ks.unlock("a", PW))).isEqualTo("wrong_passphrase");

    // swapping in another key's public key breaks the associated data and the address check
    String other = KeyPair.insecureFromLabel("other").publicKey().toHex();
    Files.writeString(f, json.replace(key.publicKey().toHex(), other));
    assertThat(code(ks.get("a"))).isEqualTo("bad_key_file");
  }

  @Test
  void importsAnExportedFile() throws Exception {
    Keystore a = new Keystore(dir.resolve("a"), FAST);
    Keystore b = new Keystore(dir.resolve("b"), FAST);
    KeyPair key = KeyPair.insecureFromLabel("ks-move");
    Path f = a.add("mine", key, PW).orElseThrow().file();
    assertThat(b.importFile("moved", f).orElseThrow().keyFile().address()).isEqualTo(key.address());
    assertThat(b.unlock("moved", PW).orElseThrow().publicKey()).isEqualTo(key.publicKey());
    Path junk = dir.resolve("junk.json");
    Files.write(junk, "{\"version\": 1}".getBytes(StandardCharsets.UTF_8));
    assertThat(code(b.importFile("junk", junk))).isEqualTo("bad_key_file");
  }

  private static String code(Result<?> r) {
    assertThat(r.isOk()).isFalse();
    return ((Result.Err<?>) r).code();
  }
}
