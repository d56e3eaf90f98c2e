// Paid inference, on the pages that show it: an account's payment channels with a serving provider (what
// it escrowed, what settlements have charged, what is left) and, with the tab's key, opening, topping up,
// closing and withdrawing a channel, creating an API key (only its SHA-256 goes on chain) and unbinding one;
// the latest settled batches on the Network page; and, in the Playground, whether an answer's receipt was
// settled on chain, checked by the chain against the settled batch.
// APIs: GET /api/payments/channels?account=, /api/payments/keys/{keyHash}, /api/payments/batches,
// /api/payments/receipts/{requestId}, POST /api/payments/batches/{root}/verify, POST /api/tx.
import { API_KEY_ITEM, getJson, getJsonOrNull, postJson, sleep, watch } from '../api.js';
import { field, fill, h, notice, section, table } from '../dom.js';
import { badge, groupDigits, localMillis, mono, open, percentBps, shortAddress } from '../format.js';
import { failure, outcome, signAndSend, succeeded } from '../send.js';
import { parseAddress } from '../sign/address.js';
import { parseOpen } from '../sign/amount.js';
import { sha256, toHex, utf8 } from '../sign/bytes.js';
import { messages } from '../sign/codec.js';
import { wallet } from '../wallet.js';

const STATUS_KIND = { open: 'ok', closing: 'info', closed: 'neutral' };
const SETTLEMENT_WAIT_MS = 60_000;

/** The account's channels and the forms to manage one's own; null when the node has no payment routes. */
export async function paymentsSection(address, signal) {
  const first = await getJsonOrNull(`/api/payments/channels?account=${address}`, { signal });
  if (!first) return null;
  const channels = h('div', { id: 'channels' });
  const forms = h('div', { id: 'channel-forms' });
  const result = h('div', { id: 'payment-result', 'aria-live': 'polite' });
  let formsKey = null;
  const refresh = () => redraw();
  const redraw = watch(3000, async () => {
    const list = (await getJson(`/api/payments/channels?account=${address}`, { signal })).channels;
    const who = wallet()?.address ?? null;
    const mine = who ? (await getJson(`/api/payments/channels?account=${who}`, { signal })).channels : [];
    return { who, list, mine };
  }, ({ list, mine }) => {
    fill(channels, channelTable(address, list));
    // the forms are redrawn only when the channels they offer change
    const key = JSON.stringify([wallet()?.address, mine.map((c) => [c.id, c.status, c.closesAtMillis])]);
    if (key !== formsKey) {
      formsKey = key;
      fill(forms, wallet() ? channelForms(mine, first.params, result, signal, refresh) : h('p', { class: 'hint' }, 'Load a key to open a channel or create an API key.'));
    }
  }, signal, (e) => fill(channels, notice('error', e.message)));
  return section('Paid inference',
    h('p', { class: 'hint' }, `To pay for answers, escrow OPEN for a serving provider in a payment channel and bind an API key to your account. The provider charges each answer against the channel and settles the receipts on chain, where the fee is split between the model's developer, the provider, the stakers, the treasury and the data contributors. Closing a channel gives the provider ${first.params.closeTimeoutSeconds} s to settle; then you withdraw what is left.`),
    channels, forms, result);
}

function channelTable(address, list) {
  return table('Payment channels this account pays for or serves', [
    { label: 'Channel', cell: (c) => mono(c.id) },
    { label: 'Role', cell: (c) => (c.payer === address ? 'pays' : 'serves') },
    { label: 'With', cell: (c) => { const other = c.payer === address ? c.provider : c.payer; return h('a', { href: `#/account/${other}` }, shortAddress(other)); } },
    { label: 'Deposit', cell: (c) => open(c.deposit), class: 'num' },
    { label: 'Charged (settled)', cell: (c) => open(c.settledCharged), class: 'num' },
    { label: 'Left', cell: (c) => open(c.remaining), class: 'num' },
    { label: 'Status', cell: (c) => [badge(c.status, STATUS_KIND[c.status]), c.status === 'closing' ? ` until ${localMillis(c.closesAtMillis)}` : ''] },
    { label: 'Opened in block', cell: (c) => groupDigits(c.openedHeight), class: 'num' },
  ], list, { empty: 'No payment channel.' });
}

/** Open a channel; top up, close or withdraw one of one's own; create and bind an API key. */
function channelForms(mine, params, result, signal, refresh) {
  const w = wallet();
  const paying = mine.filter((c) => c.payer === w.address && c.status !== 'closed');
  const send = (build, label) => async (e) => {
    e?.preventDefault();
    try {
      fill(result, outcome(await signAndSend(build(), result, { signal }), label));
      refresh();
    } catch (err) {
      if (err?.name !== 'AbortError') fill(result, failure(err));
    }
  };
  const provider = h('input', { type: 'text', id: 'channel-provider', spellcheck: 'false', autocomplete: 'off', placeholder: 'ol1… (the serving node\'s provider)', required: true });
  const deposit = h('input', { type: 'text', id: 'channel-deposit', inputmode: 'decimal', placeholder: '5', required: true });
  const openForm = h('form', { class: 'stack', id: 'channel-open-form' },
    h('h3', {}, 'Open a channel'),
    field('Provider', provider, 'The account of the node that serves the model (it signs the receipts).'),
    field('Deposit (OPEN)', deposit, `At least ${open(params.minDeposit)}; one open channel per provider.`),
    h('button', { type: 'submit', id: 'channel-open-button' }, 'Sign and open'));
  openForm.addEventListener('submit', send(() => {
    parseAddress(provider.value);
    return messages.openChannel(provider.value.trim(), parseOpen(deposit.value));
  }, 'Channel opened'));
  return h('div', {}, openForm, paying.length ? manageForm(paying, send) : null, keyForm(result, signal),
    h('p', { class: 'hint' }, 'From the command line: ', h('code', {}, './openledger payment open --provider ADDRESS --amount OPEN --from KEYNAME'), ', ',
      h('code', {}, './openledger payment bind-key --from KEYNAME')));
}

function manageForm(paying, send) {
  // what is left changes with every settlement and is in the table; the options name the channel only, so
  // that the form is not redrawn under the user's typing
  const select = h('select', { id: 'channel-select' }, paying.map((c) => h('option', { value: c.id },
    `${c.id.slice(0, 10)}… to ${shortAddress(c.provider)} (${c.status})`)));
  const amount = h('input', { type: 'text', id: 'channel-topup', inputmode: 'decimal', placeholder: '1' });
  const chosen = () => paying.find((c) => c.id === select.value);
  const button = (label, id, build, done) => h('button', { type: 'button', id, class: 'secondary', onclick: send(build, done) }, label);
  return h('div', { class: 'stack', id: 'channel-manage' },
    h('h3', {}, 'Your channels'),
    field('Channel', select),
    h('div', { class: 'inline-form' }, field('Top up by (OPEN)', amount),
      button('Sign and top up', 'channel-topup-button', () => messages.topUpChannel(select.value, parseOpen(amount.value)), 'Topped up')),
    h('div', { class: 'buttons' },
      button('Sign and close', 'channel-close-button', () => messages.closeChannel(select.value), 'Closing'),
      button('Sign and withdraw', 'channel-withdraw-button', () => {
        const c = chosen();
        if (c.status !== 'closing' || Date.now() < c.closesAtMillis) throw new Error(`withdraw after closing the channel and waiting until ${c.status === 'closing' ? localMillis(c.closesAtMillis) : 'its close timeout'}`);
        return messages.withdrawChannel(select.value);
      }, 'Withdrawn')));
}

/** A new random API key: made in this browser, bound on chain by its SHA-256, shown once. */
function keyForm(result, signal) {
  const shown = h('div', { id: 'api-key-created', 'aria-live': 'polite' });
  const create = h('button', { type: 'button', id: 'api-key-create', class: 'secondary' }, 'Create and bind a new API key');
  create.addEventListener('click', async () => {
    create.disabled = true;
    try {
      const key = `olk-${toHex(crypto.getRandomValues(new Uint8Array(32)))}`;
      const keyHash = toHex(await sha256(utf8(key)));
      const sent = await signAndSend(messages.bindApiKey(keyHash), result, { signal });
      fill(result, outcome(sent, 'API key bound'));
      if (!succeeded(sent.final)) return;
      const use = h('button', { type: 'button', id: 'api-key-use' }, 'Use it in the Playground');
      use.addEventListener('click', () => {
        sessionStorage.setItem(API_KEY_ITEM, key);
        location.hash = '#/playground';
      });
      fill(shown, notice('ok', 'Your new API key (shown once; only its SHA-256 is on chain): ', h('code', { class: 'mono wrap', id: 'api-key-value' }, key)), use);
    } catch (err) {
      if (err?.name !== 'AbortError') fill(result, failure(err));
    } finally {
      create.disabled = false;
    }
  });
  return h('div', { class: 'stack' }, h('h3', {}, 'API keys'),
    h('p', { class: 'hint' }, 'Requests sent with "Authorization: Bearer KEY" are paid from your channels. The key is made in this browser; anyone holding it can spend your channels, so keep it.'),
    create, shown, unbindForm(result, signal));
}

/** Unbinding a key of one's own: the key is hashed here, and the chain is asked whose it is before signing. */
function unbindForm(result, signal) {
  const input = h('input', { type: 'password', id: 'api-key-unbind', autocomplete: 'off', required: true });
  const form = h('form', { class: 'inline-form', id: 'api-key-unbind-form' },
    field('Unbind a key', input, 'A key you no longer trust stops paying from your channels at once.'),
    h('button', { type: 'submit', class: 'secondary' }, 'Sign and unbind'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const key = input.value.trim();
      if (!key) throw new Error('type the API key to unbind');
      const keyHash = toHex(await sha256(utf8(key)));
      // only hashes are on chain, so the page cannot list an account's keys: it asks about this one (an
      // unbound key is a 404, shown as the node's message)
      const bound = await getJson(`/api/payments/keys/${keyHash}`, { signal });
      if (bound.account !== wallet().address) throw new Error(`this key is bound to ${bound.account}, not to your account`);
      fill(result, outcome(await signAndSend(messages.unbindApiKey(keyHash), result, { signal }), 'API key unbound'));
      input.value = '';
    } catch (err) {
      if (err?.name !== 'AbortError') fill(result, failure(err));
    }
  });
  return form;
}

/** The latest settled batches (an answer of /api/payments/batches), for the Network page. */
export function batchesSection(list) {
  return section('Paid inference: settled batches',
    h('p', { class: 'hint' }, 'Each batch settles a provider\'s usage receipts on chain: the charges leave the payers\' channels and each model\'s fees are split; the data contributors\' part waits in the attribution pool.'),
    table(`The latest ${list.batches.length} of ${groupDigits(list.count)} settled batches`, [
      { label: 'Block', cell: (b) => h('a', { href: `#/block/${b.height}` }, groupDigits(b.height)), class: 'num' },
      { label: 'Provider', cell: (b) => h('a', { href: `#/account/${b.provider}` }, shortAddress(b.provider)) },
      { label: 'Receipts', cell: (b) => groupDigits(b.receiptCount), class: 'num' },
      { label: 'Charged', cell: (b) => open(b.total), class: 'num' },
      { label: 'Models', cell: (b) => b.models.map((m, i) => [i ? ', ' : '', h('a', { href: `#/model/${encodeURIComponent(m.model)}/${m.version}` }, `${m.model} v${m.version}`), `: ${open(m.amount)}`]) },
      { label: 'To contributors', cell: (b) => `${percentBps(b.contributorsBps)}, ${open(b.unattributed)} not yet attributed` },
      { label: 'Receipt root', cell: (b) => mono(b.root) },
    ], list.batches, { empty: 'No batch settled yet.' }));
}

/**
 * Waits for the batch that settles receipt (an answer's receipt from the stream), then asks the chain to
 * check the settled receipt against the batch's root, and says so in el. Does nothing on a node without
 * payment routes.
 */
export async function followSettlement(el, receipt, signal) {
  const r = receipt.receipt;
  if (!(await getJsonOrNull('/api/payments/batches?limit=1', { signal }))) return;
  fill(el, h('p', { class: 'muted' }, 'Settlement: waiting for the provider to settle this receipt on chain…'));
  const deadline = Date.now() + SETTLEMENT_WAIT_MS;
  let seen = false;
  for (;;) {
    const { batches } = await getJson('/api/payments/batches?limit=20', { signal });
    const batch = batches.find((b) => b.provider === r.provider && b.channels.some((c) => c.channel === r.channel && c.firstNonce <= r.nonce && r.nonce <= c.lastNonce));
    if (batch && seen) {
      // the batch lists this channel's nonce, and was already there one poll ago: the provider's node, which
      // records the audit path once it hears its settlement committed, has it
      const proof = await getJson(`/api/payments/receipts/${encodeURIComponent(r.request_id)}`, { signal });
      const check = await (await postJson(`/api/payments/batches/${proof.root}/verify`, { receipt: proof.receiptHex, proof: proof.proof }, { signal })).json();
      const same = proof.receiptHex === receipt.encoded;
      fill(el, check.verified && same
        ? h('p', { class: 'ok', id: 'receipt-settled' }, `✓ Settled on chain in block ${groupDigits(proof.height)}: the chain checked this very receipt against the batch's root ${proof.root.slice(0, 10)}…; ${open(check.contributorsPart)} of its charge went to the data contributors' pool.`)
        : h('p', { class: 'bad', id: 'receipt-settled' }, `✗ The settled receipt does not check out: ${same ? `${check.code}: ${check.message}` : 'the node settled a different receipt for this request'}.`));
      return;
    }
    seen = batch !== undefined;
    if (!seen && Date.now() > deadline) {
      fill(el, h('p', { class: 'muted', id: 'receipt-settled' }, `Not settled within ${SETTLEMENT_WAIT_MS / 1000} s; the provider settles at intervals, and its receipts stay valid until then.`));
      return;
    }
    await sleep(1500, signal);
  }
}
