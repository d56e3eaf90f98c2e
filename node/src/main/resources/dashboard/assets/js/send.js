// Signing and sending one message with the tab's key (wallet.js), the way every signing form does it:
// read the chain id, minimum fee and the sender's nonce, sign in this browser, post the signed bytes to
// /api/tx, wait until the transaction is final, and say what happened in a live region.
import { ApiError, awaitFinal, getJson, submitTx } from './api.js';
import { fill, h, notice } from './dom.js';
import { groupDigits, open } from './format.js';
import { parseOpen } from './sign/amount.js';
import { signTransaction } from './sign/codec.js';
import { wallet } from './wallet.js';

/**
 * Signs message with the loaded key, submits it and waits; progress is written into statusEl.
 * Resolves to { hash, final } (final: the /api/tx view, committed or rejected); throws when there is no key
 * or the node refused the transaction at the door.
 */
export async function signAndSend(message, statusEl, { signal, fee } = {}) {
  const w = wallet();
  if (!w) throw new Error('load a key first');
  const status = await getJson('/api/status', { signal });
  const nonce = BigInt((await getJson(`/api/accounts/${w.address}`, { signal })).nonce);
  const tx = await signTransaction(w.signer, { chainId: status.chainId, nonce, fee: fee ?? parseOpen(status.minFee), message });
  fill(statusEl, notice('info', 'Signed in this browser; sending…'));
  const hash = await submitTx(tx.bytes);
  fill(statusEl, notice('info', 'Accepted by the node; waiting for a block… ', txLink(hash, 'transaction')));
  const final = await awaitFinal(hash, { signal });
  return { hash, final };
}

export const txLink = (hash, text = 'See the transaction.') => h('a', { href: `#/tx/${hash}`, class: 'tx-link' }, text);

/** True when the transaction was committed and its message succeeded. */
export const succeeded = (final) => final.status === 'committed' && final.code === 'ok';

/** The notice for a final transaction: okText when it succeeded, else why not. */
export function outcome({ hash, final }, okText) {
  if (succeeded(final)) return notice('ok', `${okText} (block ${groupDigits(final.height)}, fee ${open(final.feeCharged)}). `, txLink(hash));
  const how = final.status === 'committed' ? 'was included but its message failed' : 'was rejected';
  return notice('error', `The transaction ${how}: ${final.code}: ${final.message} `, txLink(hash));
}

/** The notice for an error thrown on the way (bad input, node refusal). */
export function failure(err) {
  const why = err instanceof ApiError ? `the node refused it (${err.code}): ${err.message}` : err.message;
  return notice('error', `Not sent: ${why}`);
}

/** The value of a named event attribute of a final transaction, or null. */
export function eventValue(final, type, key) {
  const e = (final.events ?? []).find((x) => x.type === type);
  return e?.attributes.find((a) => a.key === key)?.value ?? null;
}
