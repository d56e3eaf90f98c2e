package dev.openledger.datanet.validate;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a text file (.txt, .md, .jsonl): rejects binary junk first (any NUL byte, or more than 1%
 * control bytes other than tab, line feed, form feed and carriage return), then anything that is
 * not strict UTF-8 (overlong forms, surrogates and UTF-16/32 byte-order marks included). A UTF-8
 * byte-order mark is dropped.
 */
public final class EncodingStage {
  private static final double MAX_CONTROL_FRACTION = 0.01;

  public Checked<String> decode(byte[] bytes) {
    if (startsWith(bytes, 0xFE, 0xFF)
        || startsWith(bytes, 0xFF, 0xFE)
        || startsWith(bytes, 0x00, 0x00, 0xFE, 0xFF)) {
      return Checked.rejected(
          Reason.INVALID_UTF8, "the file is UTF-16 or UTF-32 text; save it as UTF-8");
    }
    int controls = 0;
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      if (b == 0) {
        return Checked.rejected(
            Reason.BINARY_CONTENT,
            "the file contains a NUL byte at offset " + i + "; it is binary data, not text");
      }
      if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') || b == 0x7f) {
        controls++;
      }
    }
    if (controls > MAX_CONTROL_FRACTION * bytes.length) {
      return Checked.rejected(
          Reason.BINARY_CONTENT,
          controls
              + " of "
              + bytes.length
              + " bytes are control characters; the file is binary data, not text");
    }
    int start = startsWith(bytes, 0xEF, 0xBB, 0xBF) ? 3 : 0;
    return decodeStrict(bytes, start);
  }

  private static Checked<String> decodeStrict(byte[] bytes, int start) {
    CharsetDecoder dec =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult r = dec.decode(in, out, true);
    if (r.isError()) {
      return Checked.rejected(
          Reason.INVALID_UTF8,
          "invalid UTF-8 at byte offset "
              + in.position()
              + " (line "
              + lineOf(bytes, in.position())
              + "); save the file as UTF-8");
    }
    r = dec.flush(out);
    if (r.isError()) {
      return Checked.rejected(Reason.INVALID_UTF8, "the file ends inside a UTF-8 sequence");
    }
    out.flip();
    return Checked.ok(out.toString());
  }

  private static int lineOf(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  private static boolean startsWith(byte[] b, int... prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((b[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
