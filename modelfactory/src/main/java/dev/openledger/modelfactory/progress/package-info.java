/**
 * Rendering job events for people: a one-line progress bar redrawn in place on a terminal's error
 * stream.
 *
 * <p>Invariant: rendering never feeds back into a job; a listener only reads events.
 */
package dev.openledger.modelfactory.progress;
