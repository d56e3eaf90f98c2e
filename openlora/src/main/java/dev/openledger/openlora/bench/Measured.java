package dev.openledger.openlora.bench;

/**
 * One system on one workload.
 *
 * @param system {@code openlora} (unmerged heterogeneous batching), {@code merged-swap} (one
 *     adapter merged at a time, PEFT-style) or {@code copy-per-adapter} (a merged model copy per
 *     adapter, vLLM-packed-style)
 * @param adapters n, the adapters in the workload
 * @param completed false when the system could not run it (the note says why)
 * @param note what limited it, or extra facts
 * @param requests requests served
 * @param outputTokens tokens generated
 * @param seconds wall time from the first arrival to the last token
 * @param tokensPerSecond generated tokens per second
 * @param requestsPerSecond requests per second
 * @param ttftP50Ms time to first token from arrival, median (NaN where not measured)
 * @param ttftP99Ms the same, 99th percentile
 * @param tpotP50Ms time per output token after the first, median over requests
 * @param tpotP99Ms the same, 99th percentile
 * @param adapterLoads adapters read from disk during the run
 * @param evictions adapters evicted from the cache during the run
 * @param memoryBytes weights held: base + adapter cache high water (openlora), base + all adapters
 *     (merged-swap), a merged copy per adapter served (copy-per-adapter)
 */
public record Measured(
    String system,
    int adapters,
    boolean completed,
    String note,
    int requests,
    long outputTokens,
    double seconds,
    double tokensPerSecond,
    double requestsPerSecond,
    double ttftP50Ms,
    double ttftP99Ms,
    double tpotP50Ms,
    double tpotP99Ms,
    long adapterLoads,
    long evictions,
    long memoryBytes) {

  static Measured skipped(String system, int adapters, String note) {
    return new Measured(
        system,
        adapters,
        false,
        note,
        0,
        0,
        0,
        0,
        0,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        0,
        0,
        0);
  }
}
