package dev.openledger.node.datanet;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;

/**
 * Whether an account may train on a datanet version.
 *
 * @param code the basis when granted ({@code owner open grant fee_paid}), the reason code when
 *     refused
 * @param message for people, empty when granted
 */
public record AccessView(
    Address account,
    Hash datanetId,
    int version,
    Hash root,
    boolean granted,
    String code,
    String message) {}
