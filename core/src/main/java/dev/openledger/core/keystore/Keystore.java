package dev.openledger.core.keystore;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A directory of named key files, {@code <dir>/<name>.json}.
 *
 * <p>Failure codes: {@code bad_name}, {@code exists}, {@code not_found}, {@code bad_key_file},
 * {@code wrong_passphrase}, {@code weak_passphrase}.
 */
public final class Keystore {
  /** Key names: short, lowercase, safe as file names. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

  /** The shortest passphrase accepted for a new key file. */
  public static final int MIN_PASSPHRASE = 8;

  private final Path dir;
  private final int iterations;

  /** A keystore encrypting new files with {@link KeyFile#DEFAULT_ITERATIONS}. */
  public Keystore(Path dir) {
    this(dir, KeyFile.DEFAULT_ITERATIONS);
  }

  /**
   * A keystore with another PBKDF2 cost for new files (throw-away demo keystores use a low one).
   */
  public Keystore(Path dir, int iterations) {
    this.dir = dir;
    this.iterations = iterations;
  }

  public Path dir() {
    return dir;
  }

  /**
   * A key's public description.
   *
   * @param name its name
   * @param file its file
   * @param keyFile its contents (public key, address, encrypted seed)
   */
  public record Entry(String name, Path file, KeyFile keyFile) {}

  /** Every readable key file, by name. Unreadable files are reported, not skipped. */
  public List<Result<Entry>> list() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Result<Entry>> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files
          .filter(p -> p.getFileName().toString().endsWith(".json"))
          .sorted()
          .forEach(p -> out.add(read(p.getFileName().toString().replaceFirst("\\.json$", ""), p)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the keystore " + dir, e);
    }
    return out;
  }

  public Result<Entry> get(String name) {
    if (!NAME.matcher(name).matches()) {
      return badName(name);
    }
    Path file = file(name);
    if (!Files.exists(file)) {
      return Result.err(
          "not_found", "no key named '" + name + "' in " + dir + " (see: openledger keys list)");
    }
    return read(name, file);
  }

  /** Encrypts and stores a key under a new name. */
  public Result<Entry> add(String name, KeyPair key, char[] passphrase) {
    if (!NAME.matcher(name).matches()) {
      return badName(name);
    }
    if (passphrase.length < MIN_PASSPHRASE) {
      return Result.err(
          "weak_passphrase", "a passphrase needs at least " + MIN_PASSPHRASE + " characters");
    }
    return write(name, KeyFile.encrypt(key, passphrase, iterations));
  }

  /**
   * Stores an existing key file (e.g. exported elsewhere) under a name, after checking its format.
   */
  public Result<Entry> importFile(String name, Path source) {
    if (!NAME.matcher(name).matches()) {
      return badName(name);
    }
    Result<Entry> parsed = read(name, source);
    if (parsed instanceof Result.Err<Entry> err) {
      return Result.err(err.code(), err.message());
    }
    return write(name, parsed.orElseThrow().keyFile());
  }

  /** Decrypts a key. */
  public Result<KeyPair> unlock(String name, char[] passphrase) {
    return get(name).flatMap(e -> e.keyFile().decrypt(passphrase));
  }

  public Path file(String name) {
    return dir.resolve(name + ".json");
  }

  private Result<Entry> write(String name, KeyFile kf) {
    Path file = file(name);
    byte[] bytes = (Json.writePretty(kf) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      Files.createDirectories(dir);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(
          file,
          bytes,
          StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.SYNC);
      return Result.ok(new Entry(name, file, kf));
    } catch (FileAlreadyExistsException e) {
      return Result.err(
          "exists",
          "a key named '" + name + "' already exists in " + dir + "; choose another name");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write key file " + file, e);
    }
  }

  private static Result<Entry> read(String name, Path file) {
    try {
      KeyFile kf = Json.mapper().readValue(Files.readAllBytes(file), KeyFile.class);
      return Result.ok(new Entry(name, file, kf));
    } catch (NoSuchFileException e) {
      return Result.err("not_found", "no such file " + file);
    } catch (IOException e) {
      return Result.err(
          "bad_key_file",
          file
              + " is not a valid key file: "
              + Optional.ofNullable(e.getMessage()).orElse("").lines().findFirst().orElse(""));
    }
  }

  private static <T> Result<T> badName(String name) {
    return Result.err("bad_name", "key name '" + name + "' must match " + NAME.pattern());
  }
}
