/**
 * The one JSON configuration every module and the HTTP API use.
 *
 * <p>Invariants: parsing is strict (unknown fields, duplicate keys and trailing tokens are errors);
 * money, hashes and addresses travel as strings, never as JSON numbers, so no client loses
 * precision.
 */
package dev.openledger.core.json;
