package dev.openledger.node.api.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;

/**
 * {@code GET /api/accounts/{addr}[?proof=true]}: the account as of block {@code height}.
 *
 * @param address the account
 * @param balance its balance
 * @param nonce the nonce its next transaction must carry
 * @param height the block the values are read at
 * @param stateRoot that block's state root
 * @param proof present with {@code ?proof=true}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountView(
    Address address, Amount balance, long nonce, long height, Hash stateRoot, ProofView proof) {}
