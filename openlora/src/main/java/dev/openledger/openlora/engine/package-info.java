/**
 * The serving engine: continuous batching over {@link dev.openledger.ml.generate.Decoder#step}, one
 * decode thread, per-model queues.
 *
 * <p>Each step the engine admits queued requests into free batch slots, feeds every decoding
 * sequence one token and every prefilling sequence a chunk of its prompt (within a per-step token
 * budget, so a long prompt never stalls decoding), and samples. The decoder runs the base
 * projections once for all rows and adds each adapter's term per group of rows sharing it (S-LoRA /
 * Punica style), so a batch may mix any adapters.
 *
 * <p>Scheduling (LoRAX's active set and time slice, S-LoRA's virtual token counter): at most {@code
 * maxActiveAdapters} models are active, their adapters pinned in the cache. Pending models are
 * activated, and free slots given to active models whose adapter is loaded, least service (prompt +
 * generated tokens) first, ties to the oldest request, so a popular model cannot starve the others.
 * When other models wait, an active model that has held its slot for {@code sliceSteps} steps stops
 * admitting, finishes its running sequences and gives its pin back.
 *
 * <p>Invariants: a sequence's output does not depend on what else is in the batch; every accepted
 * request ends with exactly one {@link dev.openledger.openlora.engine.TokenSink#onFinish} call; the
 * decode thread never reads adapter files.
 */
package dev.openledger.openlora.engine;
