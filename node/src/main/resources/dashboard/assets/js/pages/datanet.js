// One datanet (#/datanet/ID): its description, versions, contributions with their review, leaderboard, and
// contributing a file. The upload goes to the node, which validates and stores it and answers with the
// exact SubmitContribution to sign; the browser checks that message names this file and this key, signs it
// with the tab's key and posts the transaction. #/datanet/ID/contribution/CID shows one contribution.
// APIs: /api/datanets/{id}, …/contributions, …/contributions/{c}, …/leaderboard, …/versions, …/usage/{a},
// POST …/uploads, POST /api/tx.
import { getJson, getJsonOrNull, postForm, watch } from '../api.js';
import { facts, field, fill, h, notice, pageTitle, section, table } from '../dom.js';
import { badge, groupDigits, localTime, mono, open, shortAddress } from '../format.js';
import { renderMarkdown } from '../markdown.js';
import { failure, outcome, signAndSend, succeeded } from '../send.js';
import { parseAddress } from '../sign/address.js';
import { concat, fromHex, sha256, toHex, utf8 } from '../sign/bytes.js';
import { messages } from '../sign/codec.js';
import { keyPanel, onWalletChange, wallet } from '../wallet.js';
import { accessTerms, bytes, reviewPolicy } from './datanets.js';

const PAGE = 25;
const STATUS_KIND = { ACCEPTED: 'ok', PENDING: 'info', REJECTED: 'bad' };

export async function render(root, { args, signal }) {
  const id = args[0] ?? '';
  const d = await getJsonOrNull(`/api/datanets/${encodeURIComponent(id)}`, { signal });
  if (!d) {
    fill(root, pageTitle('Datanet'), notice('error', `This chain has no datanet "${id}".`), h('a', { href: '#/datanets' }, 'All datanets'));
    return;
  }
  if (args[1] === 'contribution') {
    await renderContribution(root, d, args[2] ?? '', signal);
    return;
  }
  const status = await getJson('/api/status', { signal });
  const contributions = h('div', { id: 'contributions' });
  const versions = h('div', { id: 'versions' });
  const leaderboard = h('div', { id: 'leaderboard' });
  const problem = h('div');
  fill(root,
    pageTitle(d.name, d.summary),
    problem,
    facts([
      ['Id', h('code', { class: 'mono wrap' }, d.id)],
      ['Owner', h('a', { href: `#/account/${d.owner}` }, d.owner)],
      ['Curators', d.curators.length ? h('span', {}, d.curators.map((c, i) => [i ? ', ' : '', h('a', { href: `#/account/${c}` }, shortAddress(c))])) : 'none'],
      ['Contributions', reviewPolicy(d.policy)],
      ['Training access', accessTerms(d.access)],
      ['Licence', d.licence],
      ['Tags', d.tags.join(', ') || 'none'],
      ['Created', `block ${groupDigits(d.createdHeight)}, ${localTime(d.createdAt)}`],
    ]),
    section('Description', h('div', { id: 'datanet-description' }, renderMarkdown(d.description))),
    section('Versions', h('p', { class: 'hint' }, 'A version is a Merkle root over the rows of the accepted contributions it lists; models are trained on versions, and anyone can export one and check it against the root.'), versions),
    section('Contributions', contributions),
    section('Leaderboard', h('p', { class: 'hint' }, 'Contributors ranked by the Wilson lower bound of their accepted-row ratio, then by volume, from the reviews recorded on chain.'), leaderboard),
    section('Contribute a file', contributeForm(d, status, signal, () => refresh.contributions())));

  const refresh = contributionsView(contributions, d, signal);
  const onError = (e) => fill(problem, notice('error', `Could not reach the node: ${e.message}. Retrying.`));
  watch(3000, () => getJson(`/api/datanets/${d.id}/versions`, { signal }), (v) => fill(versions, versionsTable(d, v)), signal, onError);
  watch(3000, () => getJson(`/api/datanets/${d.id}/leaderboard`, { signal }), (l) => fill(leaderboard, leaderboardTable(l)), signal, onError);
}

function versionsTable(d, versions) {
  return table(`Published versions of ${d.name}`, [
    { label: 'Version', cell: (v) => `v${v.version}`, class: 'num' },
    { label: 'Rows', cell: (v) => groupDigits(v.rows), class: 'num' },
    { label: 'Contributions', cell: (v) => String(v.contributionIds.length), class: 'num' },
    { label: 'Root', cell: (v) => mono(v.root) },
    { label: 'Published', cell: (v) => `block ${groupDigits(v.height)}, ${localTime(v.publishedAt)}` },
    { label: 'Fee', cell: (v) => open(v.fee) },
    { label: 'Export', cell: (v) => (v.servedHere ? h('a', { href: `/api/datanets/${d.id}/versions/${v.version}/export`, download: `${d.name}-v${v.version}.jsonl` }, 'JSONL') : 'not on this node') },
  ], [...versions].reverse(), { empty: 'No version published yet.' });
}

function leaderboardTable(entries) {
  return table('Contributors ranked', [
    { label: 'Rank', cell: (e) => String(e.rank), class: 'num' },
    { label: 'Contributor', cell: (e) => h('a', { href: `#/account/${e.contributor}` }, shortAddress(e.contributor)) },
    { label: 'Contributions', cell: (e) => `${e.acceptedContributions} accepted of ${e.contributions}${e.pendingContributions ? `, ${e.pendingContributions} pending` : ''}` },
    { label: 'Rows accepted', cell: (e) => `${groupDigits(e.rowsAccepted)} of ${groupDigits(e.rowsDecided)}`, class: 'num' },
    { label: 'Score', cell: (e) => e.score.toFixed(3), class: 'num' },
  ], entries, { empty: 'No reviewed contribution yet.' });
}

/** The contributions table with a status filter and pages; returns { contributions() } to redraw at once. */
function contributionsView(el, d, signal) {
  const filter = h('select', { id: 'contribution-filter' },
    [['', 'all'], ['pending', 'pending'], ['accepted', 'accepted'], ['rejected', 'rejected']].map(([v, t]) => h('option', { value: v }, t)));
  const body = h('div', { id: 'contribution-table' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages of contributions' });
  let offset = 0;
  let version = 0;
  const load = () => getJson(`/api/datanets/${d.id}/contributions?limit=${PAGE}&offset=${offset}${filter.value ? `&status=${filter.value}` : ''}`, { signal });
  const draw = (page) => {
    fill(body, table(`Contributions to ${d.name}${filter.value ? ` (${filter.value})` : ''}, in submission order`, [
      { label: 'File', cell: (c) => h('a', { href: `#/datanet/${d.id}/contribution/${c.id}` }, c.fileName) },
      { label: 'Contributor', cell: (c) => h('a', { href: `#/account/${c.submitter}` }, shortAddress(c.submitter)) },
      { label: 'Status', cell: (c) => badge(c.status.toLowerCase(), STATUS_KIND[c.status]) },
      { label: 'Validation score', cell: (c) => (c.scorePpm / 1e6).toFixed(3), class: 'num' },
      { label: 'Rows', cell: (c) => groupDigits(c.rows), class: 'num' },
      { label: 'Size', cell: (c) => bytes(c.bytes), class: 'num' },
      { label: 'Block', cell: (c) => groupDigits(c.submittedHeight), class: 'num' },
      { label: 'Review', cell: (c) => reviewCell(d, c, signal, () => redraw()) },
    ], page.contributions, { empty: filter.value ? `No ${filter.value} contribution.` : 'No contribution yet.' }));
    fill(pager,
      h('span', {}, page.total ? `${offset + 1}–${offset + page.contributions.length} of ${page.total}` : ''),
      offset > 0 ? h('button', { type: 'button', class: 'secondary', onclick: () => { offset = Math.max(0, offset - PAGE); redraw(); } }, 'Earlier') : null,
      offset + PAGE < page.total ? h('button', { type: 'button', class: 'secondary', onclick: () => { offset += PAGE; redraw(); } }, 'Later') : null);
  };
  // a redraw now (after a filter change, a page change or a new contribution), then polling goes on
  const redraw = async () => {
    const mine = ++version;
    const page = await load();
    if (mine === version) draw(page);
  };
  filter.addEventListener('change', () => {
    offset = 0;
    redraw();
  });
  fill(el, h('div', { class: 'inline-form narrow' }, field('Show', filter)), body, pager);
  watch(3000, load, (page) => {
    version++;
    draw(page);
  }, signal, (e) => fill(body, notice('error', e.message)));
  onWalletChange(() => redraw(), signal);
  return { contributions: redraw };
}

/** The review of a contribution, or for a pending one and the owner or a curator, the forms to decide it. */
function reviewCell(d, c, signal, done) {
  if (c.review) {
    return h('span', {}, `${c.status === 'ACCEPTED' ? 'approved' : 'rejected'} by `, h('a', { href: `#/account/${c.review.reviewer}` }, shortAddress(c.review.reviewer)),
      c.review.reason ? `: ${c.review.reason}` : '');
  }
  const w = wallet();
  if (c.status !== 'PENDING' || !w || (w.address !== d.owner && !d.curators.includes(w.address))) return c.status === 'PENDING' ? 'waiting for the owner or a curator' : '';
  const reason = h('input', { type: 'text', class: 'review-reason', 'aria-label': `Reason for the decision on ${c.fileName}`, placeholder: 'reason' });
  const result = h('div', { 'aria-live': 'polite' });
  const decide = (approve) => async () => {
    try {
      if (!approve && !reason.value.trim()) throw new Error('a rejection needs a reason');
      const sent = await signAndSend(messages.reviewContribution(c.id, approve, reason.value.trim()), result, { signal });
      fill(result, outcome(sent, approve ? 'Approved' : 'Rejected'));
      if (succeeded(sent.final)) done();
    } catch (err) {
      if (err?.name !== 'AbortError') fill(result, failure(err));
    }
  };
  return h('div', { class: 'review-form' }, reason,
    h('div', { class: 'buttons' },
      h('button', { type: 'button', class: 'approve', onclick: decide(true) }, 'Approve'),
      h('button', { type: 'button', class: 'secondary reject', onclick: decide(false) }, 'Reject')),
    result);
}

function contributeForm(d, status, signal, contributed) {
  const file = h('input', { type: 'file', id: 'contribution-file', accept: '.txt,.md,.jsonl,.pdf,.docx,text/plain', required: true });
  const button = h('button', { type: 'submit', id: 'contribute-button' }, 'Upload, check and sign');
  const usage = h('div', { id: 'contribution-usage' });
  const result = h('div', { id: 'contribution-result', 'aria-live': 'polite' });
  const form = h('form', { class: 'stack', id: 'contribute-form' },
    h('p', { class: 'hint' }, 'The node validates your file (encoding, rows, duplicates, relevance) and stores it, then answers with the exact message to sign. This page checks that the message names your file (its SHA-256 and size) and your key before it signs. Copies of rows someone else contributed first are refused, with a pointer to the original.'),
    field('File', file, 'Plain text, Markdown, JSONL, PDF or Word; one row per paragraph (or JSON line).'),
    button, usage, result,
    h('p', { class: 'hint' }, 'From the command line: ', h('code', {}, `./openledger datanet contribute "${d.name}" FILE --from KEYNAME`)));
  const sync = async (w) => {
    button.disabled = !w;
    fill(usage);
    if (!w) return;
    const u = await getJson(`/api/datanets/${d.id}/usage/${w.address}`, { signal });
    fill(usage, h('p', { class: 'hint' }, `Today you have contributed ${u.usage.userFiles} of ${u.limits.maxUserFilesPerDay} files and ${bytes(u.usage.userBytes)} of ${bytes(u.limits.maxUserBytesPerDay)}; this datanet has received ${bytes(u.usage.datanetBytes)} of ${bytes(u.limits.maxDatanetBytesPerDay)}.`));
  };
  const resync = (w) => sync(w).catch((e) => {
    if (e?.name !== 'AbortError') fill(usage, notice('error', e.message));
  });
  onWalletChange(resync, signal);
  resync(wallet());
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const w = wallet();
    const f = file.files[0];
    if (!w || !f) return;
    button.disabled = true;
    try {
      await contribute(d, w, f, result, signal, contributed);
    } catch (err) {
      if (err?.name !== 'AbortError') result.append(failure(err));
    } finally {
      button.disabled = false;
      resync(wallet());
    }
  });
  return h('div', {}, keyPanel({ chainId: status.chainId, signal }), form);
}

async function contribute(d, w, f, result, signal, contributed) {
  const content = new Uint8Array(await f.arrayBuffer());
  const upload = new FormData();
  upload.append('submitter', w.address);
  upload.append('file', f, f.name);
  fill(result, notice('info', `Uploading ${f.name} for validation…`));
  const up = await postForm(`/api/datanets/${d.id}/uploads`, upload, { signal });
  if (up.result.status === 'rejected') {
    fill(result, rejection(d, f.name, up.result));
    return;
  }
  const r = up.result;
  const checked = await checkToSign(up.toSign, d.id, w.address, content);
  const validated = notice('ok', h('span', { id: 'validation-summary' },
    `${f.name}: ${r.rowsAccepted} of ${r.rowsTotal} rows accepted, validation score ${r.score.toFixed(3)}. The node stored the file and asks you to sign contribution ${checked.contributionId.slice(0, 10)}…; this page checked that it names your file (SHA-256 ${checked.contentHash.slice(0, 10)}…, ${checked.bytes} bytes) and your key.`));
  const txStatus = h('div');
  fill(result, validated, rowRejections(d, r.rows), txStatus);
  const sent = await signAndSend(messages.submitContribution(checked), txStatus, { signal });
  if (succeeded(sent.final)) {
    const recorded = await getJson(`/api/datanets/${d.id}/contributions/${checked.contributionId}`, { signal });
    fill(txStatus, outcome(sent, `Recorded on chain: ${f.name} is ${recorded.status.toLowerCase()}`),
      h('p', {}, h('a', { href: `#/datanet/${d.id}/contribution/${checked.contributionId}`, id: 'contribution-link' }, 'See your contribution.')));
    contributed();
  } else {
    fill(txStatus, outcome(sent, ''));
  }
}

/**
 * The message to sign, after checking it is this file from this key (DatanetClient.checkToSign): the
 * contribution id must be SHA-256("openledger/contribution/v1\0" ‖ datanet ‖ submitter ‖ content hash).
 */
export async function checkToSign(t, datanetId, address, content) {
  const contentHash = toHex(await sha256(content));
  const id = toHex(await sha256(concat(utf8('openledger/contribution/v1\0'), fromHex(datanetId), parseAddress(address), fromHex(contentHash))));
  if (!t || t.datanetId !== datanetId || t.contentHash !== contentHash || t.bytes !== content.length || t.contributionId !== id) {
    throw new Error('the node asks to sign a contribution that is not this file from your key; nothing was signed');
  }
  return t;
}

function rejection(d, name, r) {
  const rej = r.rejection;
  return h('div', { id: 'contribution-rejected' },
    notice('error', `${name} was refused (${rej.reason}): ${rej.message}. Nothing was stored or signed.`),
    rej.original ? originalPointer(d, rej.original) : null,
    rowRejections(d, r.rows));
}

function originalPointer(d, o) {
  return h('p', { class: 'pointer' }, `It copies ${o.similarity === 1 ? 'exactly' : `${Math.round(o.similarity * 100)}% of`} `,
    h('a', { href: `#/datanet/${d.id}/contribution/${o.contributionId}`, class: 'original-link' }, `contribution ${o.contributionId.slice(0, 10)}…`),
    ' by ', h('a', { href: `#/account/${o.owner}` }, shortAddress(o.owner)), ', who submitted it first.');
}

/** The refused rows of a file (at most 20 shown), each with its reason and, for copies, the original. */
function rowRejections(d, rows) {
  const refused = rows.filter((r) => r.rejection);
  if (!refused.length) return null;
  const shown = refused.slice(0, 20);
  return h('details', { class: 'row-rejections', open: refused.length === rows.length },
    h('summary', {}, `${refused.length} of ${rows.length} rows refused`),
    table('Refused rows', [
      { label: 'Row', cell: (r) => String(r.ordinal), class: 'num' },
      { label: 'Reason', cell: (r) => r.rejection.reason },
      { label: 'Why', cell: (r) => (r.rejection.original ? originalPointer(d, r.rejection.original) : r.rejection.message) },
    ], shown),
    refused.length > shown.length ? h('p', { class: 'hint' }, `…and ${refused.length - shown.length} more.`) : null);
}

async function renderContribution(root, d, cid, signal) {
  const c = /^[0-9a-f]{64}$/.test(cid) ? await getJsonOrNull(`/api/datanets/${d.id}/contributions/${cid}`, { signal }) : null;
  const back = h('p', {}, h('a', { href: `#/datanet/${d.id}` }, `← ${d.name}`));
  if (!c) {
    fill(root, pageTitle('Contribution'), back, notice('error', `Datanet ${d.name} has no contribution ${cid}.`));
    return;
  }
  fill(root, pageTitle(`Contribution ${c.fileName}`, `To ${d.name}.`), back,
    facts([
      ['Status', h('span', { id: 'contribution-status' }, badge(c.status.toLowerCase(), STATUS_KIND[c.status]))],
      ['Contributor', h('a', { href: `#/account/${c.submitter}` }, c.submitter)],
      ['Validation score', (c.scorePpm / 1e6).toFixed(3)],
      ['Rows', groupDigits(c.rows)],
      ['Size', bytes(c.bytes)],
      ['Submitted', `block ${groupDigits(c.submittedHeight)}, ${localTime(c.submittedAt)}`],
      ['Review', c.review ? h('span', {}, `by `, h('a', { href: `#/account/${c.review.reviewer}` }, shortAddress(c.review.reviewer)), ` in block ${groupDigits(c.review.height)}${c.review.reason ? `: ${c.review.reason}` : ''}`) : 'not yet reviewed'],
      ['Stake held', open(c.stake)],
      ['Contribution id', h('code', { class: 'mono wrap' }, c.id)],
      ['Content hash (SHA-256)', h('code', { class: 'mono wrap' }, c.contentHash)],
      ['On this node', c.stored ? `${c.stored}, ${groupDigits(c.storedRows)} rows` : 'the file is not on this node'],
    ]));
}
