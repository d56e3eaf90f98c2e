package dev.openledger.ml.format;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.core.json.Json;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Bounded reads, strict JSON parsing and atomic writes shared by the format readers and writers.
 */
final class FileSupport {
  private FileSupport() {}

  /** Reads a whole file after checking that it is at most {@code max} bytes. */
  static byte[] readBounded(Path file, long max, String what) throws IOException {
    long size = Files.size(file);
    if (size > max) {
      throw new FormatException(what + " is " + size + " bytes, more than the " + max + " allowed");
    }
    return Files.readAllBytes(file);
  }

  /** Parses JSON strictly (duplicate keys and trailing content are errors). */
  static JsonNode parseJson(byte[] json, String what) throws FormatException {
    try {
      JsonNode node = Json.mapper().readTree(json);
      if (node == null || node.isMissingNode()) {
        throw new FormatException(what + " is empty");
      }
      return node;
    } catch (JacksonException e) {
      throw new FormatException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new FormatException(what + " could not be parsed: " + e.getMessage(), e);
    }
  }

  /** Writes {@code bytes} to a temporary sibling of {@code file}, then moves it into place. */
  static void writeAtomically(Path file, byte[] bytes) throws IOException {
    Path tmp = tmpSibling(file);
    try {
      Files.write(tmp, bytes);
      moveIntoPlace(tmp, file);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static Path tmpSibling(Path file) {
    Path abs = file.toAbsolutePath();
    return abs.resolveSibling("." + abs.getFileName() + ".tmp");
  }

  static void moveIntoPlace(Path tmp, Path file) throws IOException {
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
