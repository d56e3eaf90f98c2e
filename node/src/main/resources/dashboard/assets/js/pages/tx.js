// One transaction: its status, what it asked for, its result and the events it caused. API: /api/tx/{hash}.
import { getJsonOrNull } from '../api.js';
import { facts, fill, h, notice, pageTitle, section, table } from '../dom.js';
import { groupDigits, mono, open, short, shortAddress } from '../format.js';

const isAddress = (v) => typeof v === 'string' && /^ol1[02-9ac-hj-np-z]{38,}$/.test(v);

/** A one-line reading of a message: "transfer 12.5 OPEN to ol1…", or its type and fields. */
export function describeMessage(m) {
  switch (m.type) {
    case 'bank/transfer':
      return h('span', {}, `transfer ${open(m.amount)} to `, h('a', { href: `#/account/${m.to}` }, shortAddress(m.to)));
    case 'bank/burn':
      return `burn ${open(m.amount)}`;
    case 'staking/stake':
      return `stake ${open(m.amount)} in pool ${m.pool} (${String(m.purpose).toLowerCase()})`;
    case 'staking/unstake':
      return `unstake position ${m.position}`;
    case 'staking/withdraw':
      return `withdraw unbonding ${m.position}`;
    case 'staking/delegate':
      return h('span', {}, 'delegate voting power to ', h('a', { href: `#/account/${m.to}` }, shortAddress(m.to)));
    case 'gov/propose':
      return h('span', {}, 'propose: ', clip(m.description));
    case 'gov/vote':
      return h('span', {}, `vote ${String(m.support).toLowerCase()} on `, proposalLink(m.proposal));
    case 'gov/queue':
      return h('span', {}, 'queue ', proposalLink(m.proposal));
    case 'gov/execute':
      return h('span', {}, 'execute ', proposalLink(m.proposal));
    case 'datanet/create':
      return `create datanet "${clip(m.name)}"`;
    case 'datanet/submit':
      return h('span', {}, `contribute ${clip(m.fileName)} (${m.rows} rows) to `, datanetLink(m.datanetId));
    case 'datanet/review':
      return `${m.approve ? 'approve' : 'reject'} contribution ${short(m.contributionId)}`;
    case 'datanet/publish':
      return h('span', {}, `publish version ${m.version} (${m.rows} rows) of `, datanetLink(m.datanetId));
    case 'model/register':
      return h('span', {}, 'register model ', h('a', { href: `#/model/${encodeURIComponent(m.name)}/${m.version}` }, `${m.name} v${m.version}`));
    case 'model/propose':
      return `propose model ${m.name} v${m.version} for approval`;
    case 'model/approve':
      return `approve model ${m.name} v${m.version}`;
    case 'payment/open':
      return h('span', {}, `open a payment channel of ${open(m.deposit)} to `, h('a', { href: `#/account/${m.provider}` }, shortAddress(m.provider)));
    case 'payment/topup':
      return `top up payment channel ${short(m.channel)} by ${open(m.amount)}`;
    case 'payment/close':
      return `close payment channel ${short(m.channel)}`;
    case 'payment/withdraw':
      return `withdraw what is left in payment channel ${short(m.channel)}`;
    case 'payment/bind_key':
      return `bind an API key (SHA-256 ${short(m.keyHash)})`;
    case 'payment/unbind_key':
      return `unbind an API key (SHA-256 ${short(m.keyHash)})`;
    case 'payment/settle':
      return `settle ${m.receiptCount} usage receipts`;
    default:
      return h('span', {}, m.type, ' ', Object.entries(m).filter(([k]) => k !== 'type').map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`).join(' '));
  }
}

const clip = (text, n = 60) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);
const proposalLink = (id) => h('a', { href: `#/proposal/${id}` }, `proposal #${id}`);
const datanetLink = (id) => h('a', { href: `#/datanet/${id}` }, `datanet ${short(id)}`);

function value(v) {
  if (isAddress(v)) return h('a', { href: `#/account/${v}` }, v);
  if (typeof v === 'object' && v !== null) return h('code', {}, JSON.stringify(v));
  return String(v);
}

export async function render(root, { args, signal }) {
  const hash = args[0] ?? '';
  if (!/^[0-9a-f]{64}$/.test(hash)) {
    fill(root, pageTitle('Transaction'), notice('error', 'A transaction hash is 64 hexadecimal characters.'));
    return;
  }
  const t = await getJsonOrNull(`/api/tx/${hash}`, { signal });
  if (!t) {
    fill(root, pageTitle('Transaction'), notice('error', `This node knows no transaction ${hash}: not pending, not committed, not recently rejected.`));
    return;
  }
  const head = pageTitle('Transaction');
  if (t.status === 'pending') {
    fill(root, head, facts([['Hash', mono(hash, hash)], ['Status', 'pending: admitted, waiting for a block']]));
    return;
  }
  if (t.status === 'rejected') {
    fill(root, head, facts([['Hash', mono(hash, hash)], ['Status', 'rejected when its block was built (not included, no fee charged)'], ['Reason', `${t.code}: ${t.message}`]]));
    return;
  }
  const m = t.tx.message;
  fill(root, head,
    t.code === 'ok' ? notice('ok', `Committed in block ${groupDigits(t.height)}; its message succeeded.`)
      : notice('info', `Included in block ${groupDigits(t.height)}, but its message failed (${t.code}: ${t.message}). The fee was charged and the nonce used.`),
    facts([
      ['Hash', h('code', { class: 'mono wrap', id: 'tx-hash' }, hash)],
      ['Block', h('a', { href: `#/block/${t.height}` }, `${groupDigits(t.height)} (position ${t.index})`)],
      ['Result', h('span', { id: 'tx-code', class: t.code === 'ok' ? 'ok' : 'bad' }, t.code)],
      ['Sender', value(t.tx.sender)],
      ['Nonce', String(t.tx.nonce)],
      ['Fee charged', open(t.feeCharged)],
      ['Chain', t.tx.chainId],
    ]),
    section('Message', h('p', {}, describeMessage(m)), facts(Object.entries(m).map(([k, v]) => [k, value(v)]))),
    section('Events', table('What this transaction caused', [
      { label: 'Event', cell: (e) => e.type },
      { label: 'Details', cell: (e) => h('ul', { class: 'plain' }, e.attributes.map((a) => h('li', {}, `${a.key}: `, value(a.value)))) },
    ], t.events)));
}
