package dev.openledger.node.client;

import dev.openledger.node.api.view.AccountView;
import dev.openledger.node.api.view.BlockView;

/**
 * An account whose balance and nonce were checked against a state proof, the proof against the
 * state root of {@code block}, and the block header against its hash and signature.
 *
 * @param account the account as the node reported it
 * @param block the block whose state root the proof verifies against
 */
public record VerifiedAccount(AccountView account, BlockView block) {}
