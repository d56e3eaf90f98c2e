// Account: an address's balance and nonce, and sending OPEN signed in this browser.
// APIs: /api/accounts/{address}, /api/status, POST /api/tx, /api/tx/{hash}.
import { ApiError, awaitFinal, every, getJson, submitTx } from '../api.js';
import { facts, field, fill, h, notice, pageTitle, section } from '../dom.js';
import { groupDigits, open } from '../format.js';
import { parseAddress } from '../sign/address.js';
import { formatNano, parseOpen } from '../sign/amount.js';
import { messages, signTransaction } from '../sign/codec.js';
import { keyPanel, onWalletChange, wallet } from '../wallet.js';

export async function render(root, { args, signal }) {
  const status = await getJson('/api/status', { signal });
  const address = args[0] ?? wallet()?.address ?? '';
  const lookup = h('input', { type: 'text', id: 'address-input', value: address, spellcheck: 'false', autocomplete: 'off', placeholder: 'ol1…', required: true });
  const lookupForm = h('form', { class: 'inline-form', role: 'search' },
    field('Address', lookup), h('button', { type: 'submit' }, 'Show'));
  lookupForm.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = `#/account/${lookup.value.trim()}`;
  });
  const details = h('div', { id: 'account-details' });
  fill(root,
    pageTitle('Account', 'An account is an Ed25519 key; its address starts with "ol1". Look one up, or load your key to send OPEN.'),
    lookupForm, details,
    section('Your key', keyPanel({ chainId: status.chainId, signal })),
    section('Send OPEN', sendForm(status, signal)));
  onWalletChange((w) => {
    if (w && !args[0]) location.hash = `#/account/${w.address}`;
  }, signal);
  if (!address) return;
  try {
    parseAddress(address);
  } catch (e) {
    fill(details, notice('error', e.message));
    return;
  }
  every(2000, async () => {
    const a = await getJson(`/api/accounts/${address}`, { signal });
    fill(details, section(address === wallet()?.address ? 'Your account' : 'Account',
      facts([
        ['Address', h('code', { class: 'mono wrap' }, a.address)],
        ['Balance', h('strong', { id: 'balance' }, open(a.balance))],
        ['Transactions sent', h('span', { id: 'nonce' }, groupDigits(a.nonce))],
        ['As of block', groupDigits(a.height)],
      ]),
      h('p', { class: 'hint' }, 'To check this balance against the chain\'s state root with a Merkle proof: ', h('code', {}, `./openledger query account ${a.address}`))));
  }, signal, (e) => fill(details, notice('error', e.message)));
}

function sendForm(status, signal) {
  const to = h('input', { type: 'text', id: 'send-to', spellcheck: 'false', autocomplete: 'off', placeholder: 'ol1…', required: true });
  const amount = h('input', { type: 'text', id: 'send-amount', inputmode: 'decimal', placeholder: '12.5', required: true });
  const fee = h('input', { type: 'text', id: 'send-fee', inputmode: 'decimal', value: status.minFee, required: true });
  const button = h('button', { type: 'submit', id: 'send-button' }, 'Sign and send');
  const cli = h('p', { class: 'hint' });
  const result = h('div', { id: 'send-result', 'aria-live': 'polite' });
  const showCli = () => fill(cli, 'The same from the command line, with a key in your keystore: ',
    h('code', {}, `./openledger tx transfer --to ${to.value.trim() || 'ADDRESS'} --amount ${amount.value.trim() || 'OPEN'} --from KEYNAME`));
  to.addEventListener('input', showCli);
  amount.addEventListener('input', showCli);
  showCli();
  const form = h('form', { class: 'stack', id: 'send-form' },
    field('To', to), field('Amount (OPEN)', amount), field('Fee (OPEN)', fee, `At least ${status.minFee} OPEN; it goes to the treasury.`),
    button, cli, result);
  const sync = (w) => {
    button.disabled = !w;
    button.title = w ? '' : 'Load a key first';
  };
  onWalletChange(sync, signal);
  sync(wallet());
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const w = wallet();
    if (!w) return;
    button.disabled = true;
    try {
      parseAddress(to.value);
      const tx = await signTransaction(w.signer, {
        chainId: status.chainId,
        nonce: BigInt((await getJson(`/api/accounts/${w.address}`, { signal })).nonce),
        fee: parseOpen(fee.value),
        message: messages.transfer(to.value.trim(), parseOpen(amount.value)),
      });
      fill(result, notice('info', 'Signed in this browser; sending…'));
      const hash = await submitTx(tx.bytes);
      fill(result, notice('info', 'Accepted by the node; waiting for a block… ', h('a', { href: `#/tx/${hash}` }, 'transaction')));
      const final = await awaitFinal(hash, { signal });
      if (final.status === 'committed' && final.code === 'ok') {
        fill(result, notice('ok', `Sent ${open(formatNano(parseOpen(amount.value)))} in block ${groupDigits(final.height)} (fee ${open(final.feeCharged)}). `,
          h('a', { href: `#/tx/${hash}`, id: 'sent-tx' }, 'See the transaction.')));
      } else {
        fill(result, notice('error', `The transaction ${final.status === 'committed' ? 'was included but failed' : 'was rejected'}: ${final.code} ${final.message}`));
      }
    } catch (err) {
      if (err?.name === 'AbortError') return;
      const why = err instanceof ApiError ? `the node refused it (${err.code}): ${err.message}` : err.message;
      fill(result, notice('error', `Not sent: ${why}`));
    } finally {
      sync(wallet());
    }
  });
  return form;
}
