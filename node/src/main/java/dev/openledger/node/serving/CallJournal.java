package dev.openledger.node.serving;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.modelfactory.io.AtomicFiles;
import dev.openledger.openlora.service.ChargedCall;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider's journal of charged calls: each call's signed receipt and the tokens the model read
 * and wrote. The decode thread only queues a call ({@link #append}); a writer thread appends what
 * is queued and fsyncs once per batch, a few milliseconds after the charge, so a crash loses at
 * most the calls not yet written. At the next start the journal is read back ({@link #recovered}; a
 * torn last record is cut off): the receipts not settled yet go back into the meter, and
 * attribution computes the records the crash prevented.
 *
 * <p>The file holds only what someone still needs: after each settlement {@link #compact} rewrites
 * it (temporary file, fsync, atomic rename) with the calls that a registered {@link #addNeed need}
 * keeps — a receipt not settled yet, or a call not attributed yet.
 *
 * <p>File shape: {@code "OLCJ", u8 version = 1}, then records {@code u32 length, u32 CRC-32C of the
 * payload, payload} (little-endian), the payload in the canonical codec: {@code
 * bytes(SignedReceipt.encode()), varint n, n × varint prompt token, varint m, m × varint completion
 * token}.
 */
public final class CallJournal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CallJournal.class);
  private static final byte[] HEADER = {'O', 'L', 'C', 'J', 1};
  private static final int MAX_RECORD = 16 << 20;
  private static final int MAX_RECEIPT = 64 * 1024;
  private static final long MAX_TOKENS = 1 << 22;

  private final Path file;
  private final List<ChargedCall> recovered;
  private final LinkedBlockingQueue<ChargedCall> incoming = new LinkedBlockingQueue<>();
  private final List<Supplier<Predicate<ChargedCall>>> needs = new CopyOnWriteArrayList<>();
  private final Object fileLock = new Object();
  private final List<ChargedCall> live; // the calls in the file; guarded by fileLock
  private final Thread writer;
  private FileChannel channel; // guarded by fileLock
  private boolean failing; // guarded by fileLock
  private final AtomicLong written = new AtomicLong();
  private volatile boolean closed;

  private CallJournal(Path file, List<ChargedCall> recovered, FileChannel channel) {
    this.file = file;
    this.recovered = List.copyOf(recovered);
    this.live = new ArrayList<>(recovered);
    this.channel = channel;
    this.writer = new Thread(this::writeLoop, "openledger-call-journal");
    writer.setDaemon(true);
  }

  /**
   * Opens (or creates) the journal at {@code file}, reading back the calls it holds; starts the
   * writer.
   *
   * @throws IOException when the file cannot be read or written, or is not a call journal
   */
  public static CallJournal open(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    List<ChargedCall> calls = new ArrayList<>();
    FileChannel ch;
    if (!Files.exists(file) || Files.size(file) == 0) { // an empty file holds no call
      AtomicFiles.write(file, HEADER);
      ch = FileChannel.open(file, StandardOpenOption.WRITE);
      ch.position(ch.size());
    } else {
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length < HEADER.length
          || !Arrays.equals(Arrays.copyOf(bytes, HEADER.length), HEADER)) {
        throw new IOException(file + " is not a call journal of this version");
      }
      int end = read(bytes, calls);
      ch = FileChannel.open(file, StandardOpenOption.WRITE);
      if (end < bytes.length) {
        LOG.warn(
            "call journal {}: cut off {} bytes after the last whole record (a write the stop"
                + " interrupted)",
            file,
            bytes.length - end);
        ch.truncate(end);
        ch.force(true);
      }
      ch.position(end);
    }
    CallJournal j = new CallJournal(file, calls, ch);
    j.writer.start();
    return j;
  }

  /** Reads whole records after the header into {@code out}; returns where the last one ends. */
  private static int read(byte[] bytes, List<ChargedCall> out) {
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int pos = HEADER.length;
    while (bytes.length - pos >= 8) {
      long length = Integer.toUnsignedLong(buf.getInt(pos));
      long crc = Integer.toUnsignedLong(buf.getInt(pos + 4));
      if (length > MAX_RECORD || length > bytes.length - pos - 8L) {
        break;
      }
      CRC32C c = new CRC32C();
      c.update(bytes, pos + 8, (int) length);
      if (c.getValue() != crc) {
        break;
      }
      try {
        out.add(decode(new CanonicalReader(bytes, pos + 8, (int) length)));
      } catch (DecodeException | IllegalArgumentException e) {
        break;
      }
      pos += 8 + (int) length;
    }
    return pos;
  }

  private static ChargedCall decode(CanonicalReader r) throws DecodeException {
    SignedReceipt receipt = SignedReceipt.decode(r.bytes("receipt", MAX_RECEIPT));
    int[] prompt = tokens(r, "prompt");
    int[] completion = tokens(r, "completion");
    r.finish();
    return new ChargedCall(receipt, prompt, completion);
  }

  private static int[] tokens(CanonicalReader r, String field) throws DecodeException {
    int n = (int) r.varint(field + "_count", Math.min(MAX_TOKENS, r.remaining()));
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = (int) r.varint(field, Integer.MAX_VALUE);
    }
    return out;
  }

  /** One record: length, CRC-32C and payload. */
  private static byte[] record(ChargedCall call) {
    CanonicalWriter w = new CanonicalWriter().bytes(call.receipt().encode());
    int[] prompt = call.promptTokens();
    w.varint(prompt.length);
    for (int t : prompt) {
      w.varint(t);
    }
    int[] completion = call.completionTokens();
    w.varint(completion.length);
    for (int t : completion) {
      w.varint(t);
    }
    byte[] payload = w.toByteArray();
    CRC32C c = new CRC32C();
    c.update(payload);
    return ByteBuffer.allocate(8 + payload.length)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt(payload.length)
        .putInt((int) c.getValue())
        .put(payload)
        .array();
  }

  /** The calls the journal held when it was opened, in the order they were written. */
  public List<ChargedCall> recovered() {
    return recovered;
  }

  public Path file() {
    return file;
  }

  /**
   * Registers what some part of the node still needs: at each compaction {@code need} gives a
   * predicate, and a call is kept when any predicate holds for it.
   */
  public void addNeed(Supplier<Predicate<ChargedCall>> need) {
    needs.add(need);
  }

  /** Queues a charged call for writing (never blocks: the decode thread calls it). */
  public void append(ChargedCall call) {
    if (closed) {
      LOG.warn(
          "call journal closed: the receipt of {} is not journaled",
          call.receipt().receipt().requestId());
      return;
    }
    incoming.add(call);
  }

  /** Writes and fsyncs every queued call now. */
  public void flush() {
    synchronized (fileLock) {
      List<ChargedCall> batch = new ArrayList<>();
      incoming.drainTo(batch);
      if (!batch.isEmpty()) {
        writeLocked(batch);
      }
    }
  }

  /** How many calls this process has appended and fsynced. */
  public long written() {
    return written.get();
  }

  /** How many calls the file holds now (queued ones not counted). */
  public int size() {
    synchronized (fileLock) {
      return live.size();
    }
  }

  /**
   * Rewrites the file with the calls some need keeps (queued calls included); returns how many it
   * dropped.
   *
   * @throws IOException when the new file cannot be written (the old one stays)
   */
  public int compact() throws IOException {
    synchronized (fileLock) {
      int inFile = live.size(); // the calls after these were queued, never written
      incoming.drainTo(live);
      List<Predicate<ChargedCall>> keep = new ArrayList<>();
      for (Supplier<Predicate<ChargedCall>> n : needs) {
        keep.add(n.get());
      }
      List<ChargedCall> kept = new ArrayList<>();
      long keptQueued = 0;
      for (int i = 0; i < live.size(); i++) {
        ChargedCall c = live.get(i);
        if (keep.stream().anyMatch(p -> p.test(c))) {
          kept.add(c);
          keptQueued += i >= inFile ? 1 : 0;
        }
      }
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (FileChannel out =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        writeFully(out, ByteBuffer.wrap(HEADER));
        writeFully(out, encodeAll(kept));
        out.force(true);
      }
      // the old file stays open until the new one is in place: a failed rename leaves appends going
      // to the old file, which is still the journal
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      AtomicFiles.fsyncDirectory(file.toAbsolutePath().getParent());
      FileChannel old = channel;
      channel = FileChannel.open(file, StandardOpenOption.WRITE);
      channel.position(channel.size());
      old.close();
      written.addAndGet(keptQueued);
      int dropped = live.size() - kept.size();
      live.clear();
      live.addAll(kept);
      failing = false;
      return dropped;
    }
  }

  private void writeLoop() {
    while (true) {
      ChargedCall first;
      try {
        first = incoming.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (first == null) {
        if (closed) {
          return;
        }
        continue;
      }
      List<ChargedCall> batch = new ArrayList<>();
      batch.add(first);
      incoming.drainTo(batch);
      synchronized (fileLock) {
        writeLocked(batch);
      }
    }
  }

  /** Appends and fsyncs {@code batch}; on failure the calls stay for the next compaction. */
  private void writeLocked(List<ChargedCall> batch) {
    live.addAll(batch);
    try {
      writeFully(channel, encodeAll(batch));
      channel.force(false);
      written.addAndGet(batch.size());
      if (failing) {
        LOG.info("call journal {} is written again", file);
        failing = false;
      }
    } catch (IOException | RuntimeException e) {
      if (!failing) {
        LOG.error(
            "cannot write the call journal {}: receipts charged now are lost if the node stops"
                + " before they settle",
            file,
            e);
        failing = true;
      }
    }
  }

  private static ByteBuffer encodeAll(List<ChargedCall> calls) {
    List<byte[]> records = new ArrayList<>(calls.size());
    int total = 0;
    for (ChargedCall c : calls) {
      byte[] r = record(c);
      records.add(r);
      total = Math.addExact(total, r.length);
    }
    ByteBuffer all = ByteBuffer.allocate(total);
    records.forEach(all::put);
    return all.flip();
  }

  private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  /** Stops the writer after writing what is queued. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      writer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
    synchronized (fileLock) {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.warn("closing the call journal {} failed", file, e);
      }
    }
  }
}
