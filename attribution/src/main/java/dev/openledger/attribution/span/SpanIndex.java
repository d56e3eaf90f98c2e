package dev.openledger.attribution.span;

import dev.openledger.core.Result;
import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A suffix array over contributed documents, in memory after {@link #build} or memory-mapped after
 * {@link #open}.
 *
 * <p>Text encoding: token {@code t} is stored as {@code t + 1}; each document is followed by the
 * separator 0. Documents are laid out sorted by (submission sequence, doc id), so document order is
 * submission order.
 *
 * <p>File format, version 1 (fixed-width numbers little-endian, header canonical):
 *
 * <pre>
 * "OLSI" | u32 version=1 | u32 headerLength | header | zero padding to a multiple of 64
 *   header: varint N (text length, separators included), varint vocabSize, varint docCount, varint copyLength
 * text:   N × i32
 * sa:     N × i32
 * docs:   docCount × 104 bytes: i32 start, i32 length, i32 copiedTokens, owner (20), datanet (32), docId (32),
 *         i64 submissionSeq
 * counts: vocabSize × i32 (occurrences of each token)
 * trailer (72 bytes): "OLST" | u32 0 | i64 textOffset | i64 saOffset | i64 docsOffset | i64 countsOffset | SHA-256
 * </pre>
 *
 * The SHA-256 covers every byte before it and is the index's content hash. Thread-safe for reads.
 */
public final class SpanIndex {
  static final int SEPARATOR = 0;
  private static final byte[] MAGIC = "OLSI".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TRAILER_MAGIC = "OLST".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final int DOC_BYTES = 104;
  private static final int TRAILER = 72;

  /** Longest text one index holds: each int section must fit one mapping. */
  public static final int MAX_TEXT = (1 << 29) - 1;

  private final IntBuffer text;
  private final IntBuffer sa;
  private final int n;
  private final int vocabSize;
  private final int copyLength;
  private final DocInfo[] docs;
  private final int[] docStarts;
  private final int[] counts;
  private final long tokenCount;
  private final Hash contentHash;

  private SpanIndex(
      IntBuffer text,
      IntBuffer sa,
      int n,
      int vocabSize,
      int copyLength,
      DocInfo[] docs,
      int[] counts,
      Hash contentHash) {
    this.text = text;
    this.sa = sa;
    this.n = n;
    this.vocabSize = vocabSize;
    this.copyLength = copyLength;
    this.docs = docs;
    this.docStarts = Arrays.stream(docs).mapToInt(DocInfo::start).toArray();
    this.counts = counts;
    long total = 0;
    for (int c : counts) {
      total += c;
    }
    this.tokenCount = total;
    this.contentHash = contentHash;
  }

  /**
   * Builds an index in memory: SA-IS over the concatenated documents, then Kasai's LCP for copy
   * detection (see {@link CopyDetector}).
   *
   * @param documents the documents (any order; laid out by submission order)
   * @param vocabSize tokens are in {@code [0, vocabSize)}
   * @param copyLength k of the copy detector: a document's token counts as copied when a k-token
   *     window around it appears in an earlier document of another owner
   */
  public static SpanIndex build(List<SpanDocument> documents, int vocabSize, int copyLength) {
    if (vocabSize <= 0 || copyLength <= 0) {
      throw new IllegalArgumentException("vocabSize and copyLength must be positive");
    }
    List<SpanDocument> sorted = new ArrayList<>(documents);
    sorted.sort(
        Comparator.comparingLong(SpanDocument::submissionSeq).thenComparing(SpanDocument::docId));
    java.util.Set<Hash> ids = new java.util.HashSet<>();
    for (SpanDocument d : sorted) {
      if (!ids.add(d.docId())) {
        throw new IllegalArgumentException(
            "document id " + d.docId().shortHex() + " appears twice");
      }
    }
    long total = 0;
    for (SpanDocument d : sorted) {
      total += d.length() + 1L;
    }
    if (total > MAX_TEXT) {
      throw new IllegalArgumentException(
          "corpus of " + total + " tokens exceeds the index limit of " + MAX_TEXT);
    }
    int n = (int) total;
    int[] t = new int[n];
    int[] counts = new int[vocabSize];
    int[] starts = new int[sorted.size()];
    int[] owners = new int[sorted.size()];
    int pos = 0;
    for (int d = 0; d < sorted.size(); d++) {
      SpanDocument doc = sorted.get(d);
      starts[d] = pos;
      for (int i = 0; i < doc.length(); i++) {
        int tok = doc.token(i);
        if (tok < 0 || tok >= vocabSize) {
          throw new IllegalArgumentException(
              "document "
                  + doc.docId().shortHex()
                  + " has token "
                  + tok
                  + " outside the vocabulary");
        }
        t[pos++] = tok + 1;
        counts[tok]++;
      }
      t[pos++] = SEPARATOR;
    }
    int[] saArr = SuffixArrays.build(t, vocabSize + 1);
    int[] lcp = Lcp.kasai(t, saArr, SEPARATOR);
    java.util.Map<Address, Integer> ownerIds = new java.util.HashMap<>();
    for (int d = 0; d < sorted.size(); d++) {
      owners[d] = ownerIds.computeIfAbsent(sorted.get(d).owner(), a -> ownerIds.size());
    }
    int[] copied = CopyDetector.copiedTokens(t, saArr, lcp, starts, owners, copyLength);
    DocInfo[] infos = new DocInfo[sorted.size()];
    for (int d = 0; d < infos.length; d++) {
      SpanDocument doc = sorted.get(d);
      infos[d] =
          new DocInfo(
              d,
              doc.docId(),
              doc.owner(),
              doc.datanet(),
              doc.submissionSeq(),
              starts[d],
              doc.length(),
              copied[d]);
    }
    MessageDigest md = Hash.newDigest();
    try {
      serialize(new DigestSink(md, null), t, saArr, infos, counts, vocabSize, copyLength);
    } catch (IOException e) {
      throw new IllegalStateException("hashing in memory cannot fail", e);
    }
    return new SpanIndex(
        IntBuffer.wrap(t),
        IntBuffer.wrap(saArr),
        n,
        vocabSize,
        copyLength,
        infos,
        counts,
        Hash.of(md));
  }

  /**
   * Writes the index (atomically: a temporary file renamed into place); returns its content hash.
   */
  public Hash write(Path path) throws IOException {
    Path partial = path.resolveSibling(path.getFileName() + ".partial");
    MessageDigest md = Hash.newDigest();
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 20)) {
      serialize(
          new DigestSink(md, out),
          intArray(text),
          intArray(sa),
          docs,
          counts,
          vocabSize,
          copyLength);
      out.write(Hash.of(md).bytes());
    }
    try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(partial, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return contentHash;
  }

  private int[] intArray(IntBuffer b) {
    if (b.hasArray()) {
      return b.array();
    }
    int[] out = new int[n];
    b.get(0, out);
    return out;
  }

  /** Writes bytes to a digest and, when given, to a stream. */
  private record DigestSink(MessageDigest md, OutputStream out) {
    void write(byte[] b) throws IOException {
      md.update(b);
      if (out != null) {
        out.write(b);
      }
    }
  }

  private static void serialize(
      DigestSink sink,
      int[] t,
      int[] saArr,
      DocInfo[] infos,
      int[] counts,
      int vocabSize,
      int copyLength)
      throws IOException {
    byte[] header =
        new CanonicalWriter()
            .varint(t.length)
            .varint(vocabSize)
            .varint(infos.length)
            .varint(copyLength)
            .toByteArray();
    ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    pre.put(MAGIC).putInt(VERSION).putInt(header.length);
    sink.write(pre.array());
    sink.write(header);
    long textOffset = align(12L + header.length);
    sink.write(new byte[(int) (textOffset - 12 - header.length)]);
    writeInts(sink, t);
    writeInts(sink, saArr);
    long saOffset = textOffset + 4L * t.length;
    long docsOffset = saOffset + 4L * t.length;
    ByteBuffer docBuf = ByteBuffer.allocate(DOC_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (DocInfo d : infos) {
      docBuf.clear();
      docBuf
          .putInt(d.start())
          .putInt(d.length())
          .putInt(d.copiedTokens())
          .put(d.owner().bytes())
          .put(d.datanet().bytes())
          .put(d.docId().bytes())
          .putLong(d.submissionSeq());
      sink.write(docBuf.array());
    }
    long countsOffset = docsOffset + (long) DOC_BYTES * infos.length;
    writeInts(sink, counts);
    ByteBuffer trailer = ByteBuffer.allocate(TRAILER - Hash.LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    trailer
        .put(TRAILER_MAGIC)
        .putInt(0)
        .putLong(textOffset)
        .putLong(saOffset)
        .putLong(docsOffset)
        .putLong(countsOffset);
    sink.write(trailer.array());
  }

  private static void writeInts(DigestSink sink, int[] values) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < values.length; ) {
      buf.clear();
      int m = Math.min(values.length - i, buf.capacity() / 4);
      buf.asIntBuffer().put(values, i, m);
      sink.write(Arrays.copyOf(buf.array(), 4 * m));
      i += m;
    }
  }

  private static long align(long off) {
    return (off + 63) / 64 * 64;
  }

  /**
   * Opens and verifies an index file, mapping its text and suffix array.
   *
   * @return the index, or {@code index_corrupt}, {@code index_version} or {@code index_tampered}
   */
  public static Result<SpanIndex> open(Path path) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < 12 + TRAILER) {
        return Result.err("index_corrupt", path.getFileName() + " is too short for a span index");
      }
      ByteBuffer pre = read(ch, 0, 12);
      byte[] magic = new byte[4];
      pre.get(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        return Result.err("index_corrupt", path.getFileName() + " is not a span index (bad magic)");
      }
      int version = pre.getInt();
      if (version != VERSION) {
        return Result.err(
            "index_version",
            "span index version "
                + version
                + " is not supported (this code reads "
                + VERSION
                + ")");
      }
      int headerLength = pre.getInt();
      MessageDigest md = Hash.newDigest();
      ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
      for (long p = 0; p < size - Hash.LENGTH; ) {
        chunk.clear();
        chunk.limit((int) Math.min(chunk.capacity(), size - Hash.LENGTH - p));
        int got = ch.read(chunk, p);
        if (got < 0) {
          throw new IOException("unexpected end of " + path);
        }
        md.update(chunk.array(), 0, got);
        p += got;
      }
      Hash actual = Hash.of(md);
      ByteBuffer trailer = read(ch, size - TRAILER, TRAILER);
      byte[] recorded = new byte[Hash.LENGTH];
      trailer.position(TRAILER - Hash.LENGTH);
      trailer.get(recorded);
      if (!Hash.wrap(recorded).equals(actual)) {
        return Result.err(
            "index_tampered",
            path.getFileName()
                + ": content hash "
                + actual.shortHex()
                + " differs from the recorded "
                + Hash.wrap(recorded).shortHex());
      }
      try {
        return Result.ok(parse(ch, size, headerLength, trailer, actual));
      } catch (DecodeException | IllegalArgumentException e) {
        return Result.err("index_corrupt", path.getFileName() + ": " + e.getMessage());
      }
    }
  }

  private static SpanIndex parse(
      FileChannel ch, long size, int headerLength, ByteBuffer trailer, Hash hash)
      throws IOException, DecodeException {
    if (headerLength < 0 || 12L + headerLength > size) {
      throw new DecodeException("header length " + headerLength + " does not fit the file");
    }
    ByteBuffer hb = read(ch, 12, headerLength);
    byte[] hbytes = new byte[headerLength];
    hb.get(hbytes);
    CanonicalReader r = new CanonicalReader(hbytes);
    int n = (int) r.varint("text length", MAX_TEXT);
    int vocab = (int) r.varint("vocab size", Integer.MAX_VALUE / 4);
    int docCount = (int) r.varint("document count", n);
    int copyLength = (int) r.varint("copy length", Integer.MAX_VALUE);
    r.finish();
    trailer.position(0);
    byte[] magic = new byte[4];
    trailer.get(magic);
    if (!Arrays.equals(magic, TRAILER_MAGIC) || trailer.getInt() != 0) {
      throw new DecodeException("bad trailer");
    }
    long textOffset = trailer.getLong();
    long saOffset = trailer.getLong();
    long docsOffset = trailer.getLong();
    long countsOffset = trailer.getLong();
    if (textOffset != align(12L + headerLength)
        || saOffset != textOffset + 4L * n
        || docsOffset != saOffset + 4L * n
        || countsOffset != docsOffset + (long) DOC_BYTES * docCount
        || countsOffset + 4L * vocab + TRAILER != size) {
      throw new DecodeException("section offsets are inconsistent with the header");
    }
    IntBuffer text =
        ch.map(FileChannel.MapMode.READ_ONLY, textOffset, 4L * n)
            .order(ByteOrder.LITTLE_ENDIAN)
            .asIntBuffer();
    IntBuffer sa =
        ch.map(FileChannel.MapMode.READ_ONLY, saOffset, 4L * n)
            .order(ByteOrder.LITTLE_ENDIAN)
            .asIntBuffer();
    ByteBuffer db = read(ch, docsOffset, DOC_BYTES * docCount);
    DocInfo[] docs = new DocInfo[docCount];
    byte[] owner = new byte[Address.LENGTH];
    byte[] h = new byte[Hash.LENGTH];
    byte[] id = new byte[Hash.LENGTH];
    int expectStart = 0;
    for (int d = 0; d < docCount; d++) {
      int start = db.getInt();
      int len = db.getInt();
      int copied = db.getInt();
      db.get(owner);
      db.get(h);
      db.get(id);
      long seq = db.getLong();
      if (start != expectStart || len < 0 || copied < 0 || copied > len) {
        throw new DecodeException("document " + d + " has an inconsistent extent");
      }
      expectStart = start + len + 1;
      docs[d] =
          new DocInfo(d, Hash.wrap(id), Address.wrap(owner), Hash.wrap(h), seq, start, len, copied);
    }
    if (expectStart != n) {
      throw new DecodeException("documents cover " + expectStart + " of " + n + " text positions");
    }
    int[] counts = new int[vocab];
    read(ch, countsOffset, 4 * vocab).asIntBuffer().get(counts);
    return new SpanIndex(text, sa, n, vocab, copyLength, docs, counts, hash);
  }

  private static ByteBuffer read(FileChannel ch, long pos, int length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (buf.hasRemaining()) {
      if (ch.read(buf, pos + buf.position()) < 0) {
        throw new IOException("unexpected end of file reading " + length + " bytes at " + pos);
      }
    }
    buf.flip();
    return buf;
  }

  /** SHA-256 of the index file's bytes before the hash: what the chain records. */
  public Hash contentHash() {
    return contentHash;
  }

  /** Text length, separators included. */
  public int textLength() {
    return n;
  }

  /** Tokens in the corpus, separators excluded. */
  public long tokenCount() {
    return tokenCount;
  }

  public int vocabSize() {
    return vocabSize;
  }

  /** The copy detector's window length k. */
  public int copyLength() {
    return copyLength;
  }

  public int documentCount() {
    return docs.length;
  }

  public DocInfo document(int index) {
    return docs[index];
  }

  public List<DocInfo> documents() {
    return List.of(docs);
  }

  /** How often token {@code t} occurs in the corpus. */
  public int count(int t) {
    return t >= 0 && t < vocabSize ? counts[t] : 0;
  }

  /** The document containing text position {@code pos}. */
  public int documentAt(int pos) {
    int i = Arrays.binarySearch(docStarts, pos);
    return i >= 0 ? i : -i - 2;
  }

  /** Start of the suffix of rank {@code r}. */
  public int suffix(int r) {
    return sa.get(r);
  }

  /** Encoded symbol at text position {@code pos} (token + 1; 0 for a separator). */
  int symbol(int pos) {
    return text.get(pos);
  }

  /**
   * The longest prefix of {@code out[from..]} that occurs in the corpus.
   *
   * @return its length and the suffix-array interval {@code [lo, hi)} of its occurrences (empty
   *     match: length 0)
   */
  public Match longestMatch(int[] out, int from) {
    int lo = 0;
    int hi = n;
    int len = 0;
    while (from + len < out.length) {
      int tok = out[from + len];
      if (tok < 0 || tok >= vocabSize) {
        break;
      }
      int c = tok + 1;
      int first = lowerBound(lo, hi, len, c);
      int last = lowerBound(first, hi, len, c + 1);
      if (first == last) {
        break;
      }
      lo = first;
      hi = last;
      len++;
    }
    return len == 0 ? new Match(0, 0, 0) : new Match(len, lo, hi);
  }

  /** First rank in {@code [lo, hi)} whose symbol at offset {@code len} is at least {@code c}. */
  private int lowerBound(int lo, int hi, int len, int c) {
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      int p = sa.get(mid) + len;
      int sym = p < n ? text.get(p) : -1;
      if (sym < c) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * A match of an output prefix.
   *
   * @param length matched tokens
   * @param lo first suffix-array rank of an occurrence
   * @param hi one past the last
   */
  public record Match(int length, int lo, int hi) {
    public int occurrences() {
      return hi - lo;
    }
  }
}
