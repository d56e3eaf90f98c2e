package dev.openledger.node.api.view;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.PublicKey;
import dev.openledger.core.money.Amount;

/**
 * A transaction's contents.
 *
 * @param chainId its chain
 * @param sender the sender's address
 * @param senderKey the sender's public key
 * @param nonce its nonce
 * @param fee its fee
 * @param message the message: {@code type} (e.g. {@code bank/transfer}) and the message's fields
 */
public record TxBodyView(
    String chainId,
    Address sender,
    PublicKey senderKey,
    long nonce,
    Amount fee,
    ObjectNode message) {}
