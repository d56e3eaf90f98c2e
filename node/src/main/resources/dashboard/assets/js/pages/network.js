// Network: the chain's state at a glance, refreshed as blocks arrive.
// APIs: /api/status, /api/blocks/latest, /api/blocks/{height}, /api/tx/{hash}, /api/supply, /api/economy,
// /api/payments/batches.
import { every, getJson, getJsonOrNull } from '../api.js';
import { barChart, lineChart, shareBar } from '../charts.js';
import { facts, fill, h, notice, pageTitle, section, table } from '../dom.js';
import { ago, groupDigits, localTime, millis, mono, open, openNumber, shortAddress } from '../format.js';
import { economySection, EPOCHS } from './economy.js';
import { batchesSection } from './payments.js';
import { describeMessage } from './tx.js';

const RECENT_BLOCKS = 20;
const RECENT_TXS = 15;

export async function render(root, { signal }) {
  const summary = h('div', { class: 'tiles', id: 'network-summary' });
  const supply = h('div', { id: 'supply' });
  const charts = h('div', { class: 'chart-row', id: 'block-charts' });
  const blocksBox = h('div', { id: 'recent-blocks' });
  const txsBox = h('div', { id: 'recent-txs' });
  const economy = h('div', { id: 'economy' });
  const batches = h('div', { id: 'batches' });
  const updated = h('p', { class: 'muted small', id: 'updated' });
  const problem = h('div');
  fill(root,
    pageTitle('Network', 'The chain this node runs: its latest blocks and transactions, and where the OPEN supply sits. The page follows new blocks as they arrive.'),
    problem, summary, updated,
    section('Supply', supply),
    section('Blocks', charts, blocksBox),
    section('Recent transactions', txsBox),
    batches,
    economy);

  const blocks = new Map(); // height → block
  const txs = new Map(); // hash → tx view
  let shownHeight = -1;
  const status0 = await getJson('/api/status', { signal });
  const interval = Math.max(1000, Math.min(5000, status0.blockTimeMs));
  const economyServed = (await getJsonOrNull(`/api/economy?epochs=${EPOCHS}`, { signal })) !== null;
  const paymentsServed = (await getJsonOrNull('/api/payments/batches?limit=1', { signal })) !== null;

  every(interval, async () => {
    const status = await getJson('/api/status', { signal });
    fill(problem);
    renderSummary(summary, status, blocks);
    if (status.height !== shownHeight) {
      await loadBlocks(status.height, blocks, txs, signal);
      renderSupply(supply, await getJson('/api/supply', { signal }));
      renderBlocks(charts, blocksBox, blocks);
      renderTxs(txsBox, blocks, txs);
      if (paymentsServed) fill(batches, batchesSection(await getJson('/api/payments/batches?limit=10', { signal })));
      if (economyServed) fill(economy, economySection(await getJson(`/api/economy?epochs=${EPOCHS}`, { signal })));
      renderSummary(summary, status, blocks);
      shownHeight = status.height;
    }
    fill(updated, `Checked ${new Date().toLocaleTimeString()}; refreshes every ${millis(interval)}.`);
  }, signal, (e) => fill(problem, notice('error', `Could not reach the node: ${e.message}. Retrying.`)));
}

async function loadBlocks(height, blocks, txs, signal) {
  const from = Math.max(0, height - RECENT_BLOCKS + 1);
  const wanted = [];
  for (let hgt = height; hgt >= from; hgt--) if (!blocks.has(hgt)) wanted.push(hgt);
  const fetched = await Promise.all(wanted.map((hgt) => getJson(`/api/blocks/${hgt}`, { signal })));
  for (const b of fetched) blocks.set(b.height, b);
  for (const k of [...blocks.keys()]) if (k < from) blocks.delete(k);
  const recentHashes = [...blocks.values()].sort((a, b) => b.height - a.height).flatMap((b) => [...b.txs].reverse()).slice(0, RECENT_TXS);
  const missing = recentHashes.filter((hash) => !txs.has(hash));
  const views = await Promise.all(missing.map((hash) => getJson(`/api/tx/${hash}`, { signal })));
  views.forEach((v) => txs.set(v.hash, v));
  for (const k of [...txs.keys()]) if (!recentHashes.includes(k)) txs.delete(k);
}

function blockIntervals(blocks) {
  const sorted = [...blocks.values()].sort((a, b) => a.height - b.height).filter((b) => b.height > 0);
  const out = [];
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].height === sorted[i - 1].height + 1) out.push({ x: sorted[i].height, y: sorted[i].timeMillis - sorted[i - 1].timeMillis });
  }
  return out;
}

function renderSummary(el, s, blocks) {
  const latest = blocks.get(s.height);
  const intervals = blockIntervals(blocks);
  const mean = intervals.length ? intervals.reduce((n, p) => n + p.y, 0) / intervals.length : null;
  const tile = (label, value, id) => h('div', { class: 'tile' }, h('span', { class: 'tile-label' }, label), h('span', { class: 'tile-value', id }, value));
  fill(el,
    tile('Chain', s.chainId, 'tile-chain'),
    tile('Height', groupDigits(s.height), 'tile-height'),
    tile('Latest block', latest ? ago(latest.timeMillis) : localTime(s.latestTime), 'tile-latest'),
    tile('Block time', mean === null ? `target ${millis(s.blockTimeMs)}` : `${millis(mean)} average`, 'tile-blocktime'),
    tile('Waiting transactions', groupDigits(s.mempool), 'tile-mempool'),
    tile('Minimum fee', open(s.minFee), 'tile-minfee'));
}

function renderSupply(el, s) {
  const modules = Object.entries(s.moduleAccounts);
  const parts = [
    ...modules.map(([name, amount]) => ({ label: name, value: openNumber(amount), text: open(amount) })),
    { label: 'circulating (accounts)', value: openNumber(s.circulating), text: open(s.circulating) },
  ];
  fill(el,
    facts([
      ['Total supply', open(s.total)],
      ['Initial supply', open(s.initial)],
      ['Burned', open(s.burned)],
      ['Circulating (held by accounts)', open(s.circulating)],
      ['Treasury (fees)', open(s.treasury)],
    ]),
    shareBar({
      title: `Where the ${groupDigits(s.total)} OPEN are, at block ${s.height}`,
      description: 'Share of the total supply held by each module account (allocation pools no key controls, the treasury, escrows) and by ordinary accounts.',
      parts,
    }));
}

function renderBlocks(chartsEl, tableEl, blocks) {
  const sorted = [...blocks.values()].sort((a, b) => a.height - b.height);
  const withTxs = sorted.filter((b) => b.height > 0);
  const intervals = blockIntervals(blocks);
  fill(chartsEl,
    withTxs.length ? barChart({
      title: 'Transactions per block',
      description: `Number of transactions in each of the last ${withTxs.length} blocks.`,
      bars: withTxs.map((b) => ({ label: String(b.height), value: b.txCount })),
      xLabel: 'block', yLabel: 'transactions', yFormat: (v) => String(v),
    }) : null,
    intervals.length > 1 ? lineChart({
      title: 'Time between blocks',
      description: 'Milliseconds between each block and the one before it (blocks are made only when there are transactions).',
      series: [{ name: 'interval', points: intervals }],
      xLabel: 'block', yLabel: 'ms', xFormat: (v) => String(Math.round(v)), yFormat: (v) => groupDigits(Math.round(v)),
    }) : null);
  fill(tableEl, table('Latest blocks', [
    { label: 'Height', cell: (b) => h('a', { href: `#/block/${b.height}` }, groupDigits(b.height)) },
    { label: 'Time', cell: (b) => localTime(b.time) },
    { label: 'Transactions', cell: (b) => String(b.txCount), class: 'num' },
    { label: 'Hash', cell: (b) => mono(b.hash) },
  ], [...sorted].reverse()));
}

function renderTxs(el, blocks, txs) {
  const rows = [...blocks.values()].sort((a, b) => b.height - a.height).flatMap((b) => [...b.txs].reverse()).map((hash) => txs.get(hash)).filter(Boolean);
  fill(el, table('Latest transactions', [
    { label: 'Transaction', cell: (t) => h('a', { href: `#/tx/${t.hash}` }, mono(t.hash)) },
    { label: 'Block', cell: (t) => h('a', { href: `#/block/${t.height}` }, groupDigits(t.height)) },
    { label: 'From', cell: (t) => h('a', { href: `#/account/${t.tx.sender}` }, shortAddress(t.tx.sender)) },
    { label: 'What', cell: (t) => describeMessage(t.tx.message) },
    { label: 'Result', cell: (t) => (t.code === 'ok' ? h('span', { class: 'ok' }, 'ok') : h('span', { class: 'bad' }, t.code)) },
  ], rows, { empty: 'No transactions in the latest blocks.' }));
}
