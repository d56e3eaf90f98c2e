/**
 * One fine-tuning run: LoRA training over the frozen base with periodic checkpoints, the
 * per-example gradient log of the last epoch, the loss curve, and sealing the gradient store.
 *
 * <p>Invariants: a run is a pure function of (base, snapshot, spec): a resumed run truncates its
 * loss curve and gradient log to the checkpoint's step and then repeats exactly what the
 * interrupted run did, so the adapter, the loss curve and the gradient store come out
 * byte-identical. Clock readings feed progress events and checkpoint timing only, never the
 * results.
 */
package dev.openledger.modelfactory.run;
