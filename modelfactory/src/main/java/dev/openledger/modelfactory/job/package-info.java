/**
 * The persistent job queue: job records on disk, one worker running one job at a time,
 * cancellation, crash recovery, and the events listeners receive.
 *
 * <p>Invariants: a job's record ({@code jobs/<id>/job.json}) is replaced atomically on every state
 * change; a job directory appears only complete (with its data snapshot); the data directory is
 * locked by one process at a time; a job found RUNNING at start-up is resumed from its last
 * checkpoint, never restarted from scratch, and a job registers at most one model.
 */
package dev.openledger.modelfactory.job;
