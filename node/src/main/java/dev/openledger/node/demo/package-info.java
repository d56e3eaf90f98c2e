/**
 * {@code openledger demo}: the OpenLedger lifecycle on a throw-away devnet, as a list of {@link
 * dev.openledger.node.demo.DemoStep}s that print what happened. The ledger's steps come first;
 * later parts (datanets, fine-tuning, governance, serving, attribution) append theirs in {@link
 * dev.openledger.node.demo.Demo#steps()}.
 *
 * <p>Invariants: the demo uses only a temporary directory, which it deletes; it talks to its node
 * over HTTP like any client; a step that does not see what it expects fails the demo with a message
 * (no step prints a result it did not check).
 */
package dev.openledger.node.demo;
