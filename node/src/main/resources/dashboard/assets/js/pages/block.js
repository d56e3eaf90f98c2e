// One block: its header fields (enough to recompute its hash and check the signature) and its
// transactions. APIs: /api/blocks/{height}, /api/tx/{hash}.
import { getJson, getJsonOrNull } from '../api.js';
import { facts, fill, h, notice, pageTitle, section, table } from '../dom.js';
import { groupDigits, localTime, mono, shortAddress } from '../format.js';
import { describeMessage } from './tx.js';

export async function render(root, { args, signal }) {
  const height = Number(args[0]);
  if (!Number.isSafeInteger(height) || height < 0) {
    fill(root, pageTitle('Block'), notice('error', 'A block height is a whole number, 0 or more.'));
    return;
  }
  const b = await getJsonOrNull(`/api/blocks/${height}`, { signal });
  if (!b) {
    fill(root, pageTitle(`Block ${groupDigits(height)}`), notice('error', 'There is no block at this height yet.'));
    return;
  }
  const txs = await Promise.all(b.txs.map((hash) => getJson(`/api/tx/${hash}`, { signal })));
  fill(root,
    pageTitle(`Block ${groupDigits(b.height)}`),
    h('nav', { class: 'pager', 'aria-label': 'Neighbouring blocks' },
      b.height > 0 ? h('a', { href: `#/block/${b.height - 1}` }, '← previous block') : null, ' ',
      h('a', { href: `#/block/${b.height + 1}` }, 'next block →')),
    facts([
      ['Time', localTime(b.time)],
      ['Hash', h('code', { class: 'mono wrap' }, b.hash)],
      ['Previous hash', h('code', { class: 'mono wrap' }, b.prevHash)],
      ['Transactions', String(b.txCount)],
      ['Transactions root', h('code', { class: 'mono wrap' }, b.txRoot)],
      ['Receipts root', h('code', { class: 'mono wrap' }, b.receiptRoot)],
      ['State root', h('code', { class: 'mono wrap' }, b.stateRoot)],
      ['Proposer (sequencer key)', mono(b.proposer)],
      ['Signature', mono(b.signature)],
    ]),
    section('Transactions', table(`Transactions in block ${b.height}`, [
      { label: '#', cell: (t) => String(t.index), class: 'num' },
      { label: 'Transaction', cell: (t) => h('a', { href: `#/tx/${t.hash}` }, mono(t.hash)) },
      { label: 'From', cell: (t) => h('a', { href: `#/account/${t.tx.sender}` }, shortAddress(t.tx.sender)) },
      { label: 'What', cell: (t) => describeMessage(t.tx.message) },
      { label: 'Result', cell: (t) => (t.code === 'ok' ? h('span', { class: 'ok' }, 'ok') : h('span', { class: 'bad' }, t.code)) },
    ], txs, { empty: b.height === 0 ? 'Block 0 is made from the genesis file.' : 'No transactions.' })),
    b.events.length ? section('Block events', table('Events of the block itself', [
      { label: 'Event', cell: (e) => e.type },
      { label: 'Details', cell: (e) => e.attributes.map((a) => `${a.key}: ${a.value}`).join(', ') },
    ], b.events)) : null);
}
