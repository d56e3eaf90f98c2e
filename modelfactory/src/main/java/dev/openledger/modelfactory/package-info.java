/**
 * ModelFactory: fine-tuning jobs on Datanet versions, with a persistent queue, resumable runs,
 * evaluation and content-addressed artifacts.
 *
 * <p>Invariant: a job killed at any point resumes to the same adapter bytes as an uninterrupted
 * run.
 */
package dev.openledger.modelfactory;
