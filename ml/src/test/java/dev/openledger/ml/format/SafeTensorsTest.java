package dev.openledger.ml.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafeTensorsTest {
  static final NamedTensors SAMPLE =
      NamedTensors.of(
          Tensor.of("b.weight", new float[] {1, -2.5f, 3.25f, 0, -0f, 65504, 1e-3f, 7}, 2, 4),
          Tensor.of("a.bias", new float[] {0.5f, -0.125f}, 2),
          Tensor.of("scalar", new float[] {42}),
          Tensor.of("empty", new float[0], 0, 3));

  @Test
  void writeThenReadIsIdenticalForEveryDtype(@TempDir Path dir) throws Exception {
    for (DType dtype : DType.values()) {
      Path file = dir.resolve(dtype + ".safetensors");
      SafeTensors.write(file, SAMPLE, Map.of("format", "pt", "creator", "openledger"), dtype);
      try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
        assertThat(f.metadata())
            .containsExactly(Map.entry("creator", "openledger"), Map.entry("format", "pt"));
        assertThat(f.entries().keySet()).containsExactly("a.bias", "b.weight", "empty", "scalar");
        assertThat(f.entry("b.weight").dtype()).isEqualTo(dtype);
        // every sample value is exact in F16 and BF16 except 65504 and 1e-3 in BF16 / 1e-3 in F16
        assertThat(f.read("a.bias")).isEqualTo(SAMPLE.get("a.bias"));
      }
      NamedTensors back = SafeTensors.read(file);
      if (dtype == DType.F32) {
        assertThat(back).isEqualTo(SAMPLE);
      }
      assertThat(back.names()).isEqualTo(SAMPLE.names());
      assertThat(back.get("b.weight").shape()).containsExactly(2, 4);
      // converting once makes the values representable: a second trip is exact
      assertThat(SafeTensorsFile.of(SafeTensors.toBytes(back, Map.of(), dtype)).readAll())
          .isEqualTo(back);
    }
  }

  @Test
  void dataStartsEightByteAlignedAndBytesAreDeterministic() {
    byte[] a = SafeTensors.toBytes(SAMPLE, Map.of("k", "v"), DType.F32);
    byte[] b = SafeTensors.toBytes(SAMPLE, Map.of("k", "v"), DType.F32);
    assertThat(a).isEqualTo(b);
    long n = ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    assertThat((8 + n) % 8).isZero();
    String header = new String(a, 8, (int) n, StandardCharsets.UTF_8);
    assertThat(header)
        .startsWith(
            "{\"__metadata__\":{\"k\":\"v\"},\"a.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}");
  }

  /**
   * The reference implementation's own test file (Python bindings' test_simple.py, "load with
   * metadata").
   */
  @Test
  void readsTheReferenceImplementationsExample() throws Exception {
    String header =
        "{\"__metadata__\":{\"framework\":\"pt\"},\"test1\":{\"dtype\":\"I32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}       ";
    byte[] i32 = file(header, new byte[16]);
    assertThatThrownBy(() -> SafeTensorsFile.of(i32))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("tensor 'test1': dtype 'I32' is not supported");
    byte[] f32 = file(header.replace("I32", "F32"), new byte[16]);
    try (SafeTensorsFile f = SafeTensorsFile.of(f32)) {
      assertThat(f.metadata()).containsEntry("framework", "pt");
      assertThat(f.read("test1")).isEqualTo(Tensor.zeros("test1", 2, 2));
    }
  }

  @Test
  void readsBf16AndF16Bits() throws Exception {
    byte[] data = {(byte) 0x80, 0x3F, 0x00, (byte) 0xC0}; // BF16 1.0, -2.0 little-endian
    String h =
        "{\"x\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]},\"y\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[4,8]}}";
    byte[] half = {0x00, 0x3C, 0x00, (byte) 0xC0}; // F16 1.0, -2.0
    byte[] both = new byte[8];
    System.arraycopy(data, 0, both, 0, 4);
    System.arraycopy(half, 0, both, 4, 4);
    try (SafeTensorsFile f = SafeTensorsFile.of(file(h, both))) {
      assertThat(f.read("x").data()).containsExactly(1f, -2f);
      assertThat(f.read("y").data()).containsExactly(1f, -2f);
    }
  }

  @Test
  void readsOneTensorOfAFileWithoutTheOthers(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("big.safetensors");
    float[] big = new float[300_000];
    Arrays.fill(big, 1.5f);
    SafeTensors.write(
        file,
        NamedTensors.of(Tensor.of("big", big, 300, 1000), Tensor.of("small", new float[] {3}, 1)),
        Map.of(),
        DType.F32);
    try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
      assertThat(f.read("small").data()).containsExactly(3f);
      assertThat(f.read("big").data()).containsOnly(1.5f);
      assertThatThrownBy(() -> f.read("missing"))
          .isInstanceOf(FormatException.class)
          .hasMessageContaining("no tensor named 'missing'");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown dtype | {\"t\":{\"dtype\":\"Q4\",\"shape\":[2],\"data_offsets\":[0,8]}} | 8 | dtype 'Q4' is not supported",
        "shape vs bytes | {\"t\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}} | 8 | tensor 't': shape [3] of F32 needs 12 bytes but data_offsets span 8",
        "negative dim | {\"t\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}} | 8 | shape dimension 0 must be an int",
        "huge dim | {\"t\":{\"dtype\":\"F32\",\"shape\":[99999999999],\"data_offsets\":[0,8]}} | 8 | shape dimension 0 must be an int",
        "shape overflow | {\"t\":{\"dtype\":\"F32\",\"shape\":[2147483647,2147483647,2147483647],\"data_offsets\":[0,8]}} | 8 | is too large",
        "offset beyond data | {\"t\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}} | 8 | not within the 8-byte data section",
        "reversed offsets | {\"t\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,0]}} | 8 | not within",
        "huge offset | {\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,18446744073709551615]}} | 8 | data_offsets must be [begin, end]",
        "overlap | {\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}} | 8 | (overlap)",
        "gap | {\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}} | 8 | (gap)",
        "trailing bytes | {\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}} | 8 | trailing bytes",
        "duplicate tensor | {\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}} | 8 | Duplicate field 'a'",
        "extra field | {\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"x\":1}} | 8 | [x]",
        "missing shape | {\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}} | 8 | missing field 'shape'",
        "tensor not object | {\"a\":[1,2]} | 0 | must be a JSON object",
        "metadata not strings | {\"__metadata__\":{\"k\":1}} | 0 | __metadata__ value of 'k' must be a string",
        "not an object | [1,2,3] | 0 | does not start with '{'",
        "invalid JSON | {\"a\": | 0 | not valid JSON",
        "empty name | {\"\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}} | 8 | empty name",
      })
  void refusesCorruptHeaders(String name, String header, int dataBytes, String message) {
    assertThatThrownBy(() -> SafeTensorsFile.of(file(header, new byte[dataBytes])))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining(message);
  }

  @Test
  void refusesBadLengthFieldsBeforeAllocating() {
    assertThatThrownBy(() -> SafeTensorsFile.of(new byte[5]))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("shorter than");
    byte[] huge =
        ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(0, Long.MAX_VALUE).array();
    assertThatThrownBy(() -> SafeTensorsFile.of(huge))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("exceeds the file size");
    byte[] negative = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1).array();
    assertThatThrownBy(() -> SafeTensorsFile.of(negative))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("18446744073709551615");
  }

  @Test
  void refusesATruncatedFile(@TempDir Path dir) throws Exception {
    byte[] whole = SafeTensors.toBytes(SAMPLE, Map.of(), DType.F32);
    for (int cut : List.of(4, 8, 20, whole.length - 4, whole.length - 1)) {
      Path file = dir.resolve("cut" + cut);
      Files.write(file, Arrays.copyOf(whole, cut));
      assertThatThrownBy(() -> SafeTensors.read(file))
          .as("cut at %d", cut)
          .isInstanceOf(FormatException.class);
    }
  }

  @Test
  void refusesAHeaderOverTheLimit(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("x.safetensors");
    long n = SafeTensorsFile.MAX_HEADER_BYTES + 1;
    try (var ch =
        java.nio.channels.FileChannel.open(
            file,
            java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, n));
      ch.write(ByteBuffer.wrap(new byte[] {' '}), 8 + n); // sparse: nothing is really written
    }
    assertThatThrownBy(() -> SafeTensors.read(file))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("exceeds the limit");
  }

  static byte[] file(String header, byte[] data) {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(h.length).put(h).put(data);
    return b.array();
  }
}
