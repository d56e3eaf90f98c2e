/**
 * OpenLoRA as a service, independent of HTTP: a completion or chat call becomes prompt tokens, is
 * priced and reserved against the caller's payment channel before any work, runs on the engine, and
 * ends with text, a finish reason, usage and a signed receipt — or a {@link
 * dev.openledger.openlora.service.ServeError} that maps one to one onto an OpenAI-style HTTP error.
 *
 * <p>Invariants: a request is refused before any work unless its channel covers {@code (prompt +
 * max_tokens) · price}; a request that was admitted and ended normally or was cancelled is charged
 * exactly once for the tokens it used, any other request releases its reservation; emitted text
 * never contains a stop string.
 */
package dev.openledger.openlora.service;
