/**
 * The adapter store: approved models resolve to PEFT adapter directories, which are loaded on
 * loader threads (never on the decode thread), verified against the registry's content hash,
 * prepared for decoding and kept in a RAM cache bounded in bytes with least-recently-used eviction.
 *
 * <p>Invariants: the bytes held or reserved by the cache never exceed its capacity; an adapter that
 * is pinned (leased by a running or activated model queue) is never evicted; an adapter whose
 * content hash differs from the approved hash is never served.
 */
package dev.openledger.openlora.store;
