// Proof of Attribution, on the pages that show it: in the Playground, beside a settled answer, which training
// data it drew on (contributors with their share and what they were paid, Datanets, the most helpful rows, the
// answer with its verbatim spans marked) and where its charge went; on the Account page, what a contributor
// earned per Datanet, per model version and per inference.
// APIs: GET /api/attribution/{request}, /api/attribution/by-contributor/{address}.
import { ApiError, getJson, getJsonOrNull, sleep, watch } from '../api.js';
import { facts, fill, h, notice, section, table } from '../dom.js';
import { groupDigits, localMillis, mono, open, shortAddress } from '../format.js';

const ATTRIBUTION_WAIT_MS = 60_000;
const POLL_MS = 1500;
const EARNINGS_LISTED = 20;
const TOP_ROWS_SHOWN = 8;

/**
 * Follows a served answer's attribution into el until the chain has paid it, and draws it. The serving node
 * computes the attribution after the answer and submits it once the receipt is settled, so this polls with an
 * "attributing…" line, and says so when the node could not attribute the answer or the chain refused it.
 */
export async function followAttribution(el, requestId, signal) {
  const path = `/api/attribution/${encodeURIComponent(requestId)}`;
  const deadline = Date.now() + ATTRIBUTION_WAIT_MS;
  fill(el, waiting('Attributing… the provider\'s node is finding which training data this answer drew on.'));
  let drawn = null;
  for (;;) {
    let v;
    try {
      v = await getJson(path, { signal });
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        fill(el, failed(`This answer was not attributed: ${e.message}`));
        return;
      }
      throw e;
    }
    if (v.onChain.length > 0) {
      fill(el, attributionView(v));
      return;
    }
    const pending = v.status === 'attributing' || v.status === 'recorded' || v.status.startsWith('submitted');
    if (!pending) {
      fill(el, failed(`The attribution was not paid on chain: ${v.status}`), v.record ? recordView(v.record, null, requestId) : null);
      return;
    }
    if (Date.now() > deadline) {
      fill(el, failed(`Not attributed on chain within ${ATTRIBUTION_WAIT_MS / 1000} s (${v.status}); the batch's unattributed part goes to the treasury after the sweep timeout.`),
        v.record ? recordView(v.record, null, requestId) : null);
      return;
    }
    const key = JSON.stringify(v);
    if (key !== drawn) {
      drawn = key;
      fill(el, v.record
      ? [waiting('Attributing… computed; waiting for the provider to pay it on chain.'), recordView(v.record, null, requestId)]
      : waiting('Attributing… the provider\'s node is finding which training data this answer drew on.'));
    }
    await sleep(POLL_MS, signal);
  }
}

function waiting(text) {
  return h('p', { class: 'muted attribution-status', 'data-state': 'pending' }, text);
}

function failed(text) {
  return h('p', { class: 'bad attribution-status', 'data-state': 'failed', role: 'alert' }, `✗ ${text}`);
}

/** The attribution paid on chain (one receipt per request) with the record kept by the node, when it has it. */
function attributionView(v) {
  const chain = v.onChain[0];
  const paidTo = chain.payouts.filter((p) => Number(p.paid) > 0).length;
  return [
    h('p', { class: 'ok attribution-status', 'data-state': 'attributed' },
      `✓ Attributed on chain in block ${groupDigits(chain.height)}: ${open(chain.toContributors)} of its ${open(chain.charge)} charge went to ${paidTo} data contributor${paidTo === 1 ? '' : 's'}.`),
    facts([
      ['Charge', open(chain.charge)],
      ["Contributors' part", h('span', { class: 'attribution-pool' }, open(chain.pool))],
      ['Paid to contributors', open(chain.toContributors)],
      ['To the treasury', h('span', { title: 'units nobody earned, rounding and penalties' }, open(chain.treasury))],
      ['Result hash', v.record ? [mono(chain.resultHash), chain.matchesRecord ? ' (the record\'s)' : h('span', { class: 'bad' }, ' differs from the record')] : mono(chain.resultHash)],
    ]),
    v.record ? recordView(v.record, chain, v.requestId) : payoutsTable(chain.payouts),
  ];
}

/** The node's record: the answer with its spans, the contributors (with the chain's payouts), Datanets and top rows. */
function recordView(r, chain, requestId) {
  const paid = new Map((chain?.payouts ?? []).map((p) => [p.contributor, p]));
  const percent = (x) => `${(x * 100).toFixed(1)}%`;
  return h('div', { class: 'attribution-record' },
    h('h4', {}, 'The answer, verbatim spans marked'),
    highlighted(r),
    r.spans.length > 0
      ? h('div', { class: 'attribution-spans' }, table('Verbatim spans: text of the answer found word for word in a training row', [
        { label: 'Span', cell: (s) => h('q', {}, s.text) },
        { label: 'In this answer', cell: (s) => `${s.times}×`, class: 'num' },
        { label: 'Credited to', cell: (s) => accountLink(s.owner) },
        { label: 'In the training rows', cell: (s) => `${groupDigits(s.occurrences)}×`, class: 'num' },
        { label: 'The credited row', cell: (s) => h('span', { class: 'snippet' }, s.source) },
      ], distinctSpans(r.spans)))
      : h('p', { class: 'hint attribution-no-spans' }, 'No long run of this answer occurs word for word in the model\'s training rows.'),
    h('div', { class: 'attribution-contributors' }, table('Contributors', [
      { label: 'Contributor', cell: (c) => accountLink(c.contributor) },
      { label: 'Share', cell: (c) => percent(c.share), class: 'num' },
      { label: 'Of which spans', cell: (c) => percent(c.spanUnits / r.scale), class: 'num' },
      { label: 'Paid', cell: (c) => (paid.has(c.contributor) ? open(paid.get(c.contributor).paid) : '—'), class: 'num' },
      { label: 'Withheld', cell: (c) => (paid.has(c.contributor) ? open(paid.get(c.contributor).withheld) : '—'), class: 'num' },
    ], r.contributors, { empty: 'No contributor earned a share.' })),
    h('div', { class: 'attribution-datanets' }, table('Datanets', [
      { label: 'Datanet', cell: (d) => h('a', { href: `#/datanet/${d.datanet}` }, d.name) },
      { label: 'Share', cell: (d) => percent(d.share), class: 'num' },
    ], r.datanets, { empty: 'No Datanet earned a share.' })),
    table('Most helpful training rows', [
      { label: 'Row', cell: (t) => h('span', { class: 'snippet' }, t.snippet) },
      { label: 'Contributor', cell: (t) => accountLink(t.contributor) },
      { label: 'Score', cell: (t) => t.score.toPrecision(3), class: 'num' },
    ], r.topRows.slice(0, TOP_ROWS_SHOWN), { empty: 'No row scored.' }),
    h('p', { class: 'hint' },
      `Scored by ${r.method} over ${groupDigits(r.responseTokens)} answer tokens in ${(r.timings.queryGradientMs + r.timings.attributeMs).toFixed(0)} ms; `,
      `${percent(r.unallocated / r.scale)} of the contributors' part was not allocated and went to the treasury. To recompute it: `,
      h('code', {}, `./openledger attribution verify ${requestId}`)));
}

/** The spans with the same text, owner and row once each, with how often they occur in the answer. */
function distinctSpans(spans) {
  const byKey = new Map();
  for (const s of spans) {
    const key = `${s.text}\u0000${s.owner}\u0000${s.row}`;
    const seen = byKey.get(key);
    if (seen) seen.times += 1;
    else byKey.set(key, { ...s, times: 1 });
  }
  return [...byKey.values()];
}

/** The answer as segments, those inside a verbatim span in <mark> with who is credited on hover. */
function highlighted(r) {
  return h('p', { class: 'attributed-answer' }, r.highlighted.map((seg) => {
    if (seg.span < 0) return seg.text;
    const s = r.spans[seg.span];
    return h('mark', { title: `Verbatim in a training row credited to ${s.owner} (${s.occurrences} occurrence${s.occurrences === 1 ? '' : 's'})`, 'data-owner': s.owner }, seg.text);
  }));
}

function payoutsTable(payouts) {
  return table('Paid to', [
    { label: 'Contributor', cell: (p) => accountLink(p.contributor) },
    { label: 'Paid', cell: (p) => open(p.paid), class: 'num' },
    { label: 'Withheld', cell: (p) => open(p.withheld), class: 'num' },
  ], payouts);
}

function accountLink(address) {
  return h('a', { href: `#/account/${address}`, title: address, class: 'mono' }, shortAddress(address));
}

/** An account's rewards from attribution, per Datanet and per inference; null when the node has no attribution routes. */
export async function earningsSection(address, signal) {
  const path = `/api/attribution/by-contributor/${address}?limit=${EARNINGS_LISTED}`;
  const first = await getJsonOrNull(path, { signal });
  if (!first) return null;
  const body = h('div', { id: 'earnings' });
  watch(5000, () => getJson(path, { signal }), (v) => fill(body, earningsView(v)), signal, (e) => fill(body, notice('error', e.message)));
  return section('Rewards from attribution',
    h('p', { class: 'hint' }, 'When a model answers a paid request, part of its charge goes to the people whose data it drew on, by their share in the answer\'s attribution. A contributor whose penalty score is over the threshold has part of each reward withheld for the treasury.'),
    body);
}

function earningsView(v) {
  if (v.totals.inferences === 0) return h('p', { class: 'muted', id: 'earnings-none' }, 'No reward from attribution yet.');
  const datanets = (d) => (d.length === 0 ? h('span', { class: 'muted' }, 'none of the model\'s Datanets')
    : d.map((x, i) => [i > 0 ? ' + ' : '', h('a', { href: `#/datanet/${x.datanet}` }, x.name)]));
  return [
    facts([
      ['Paid in all', h('strong', { id: 'earnings-total' }, open(v.totals.paid))],
      ['Inferences', groupDigits(v.totals.inferences)],
      ['Withheld by penalties', open(v.totals.withheld)],
    ]),
    h('div', { id: 'earnings-datanets' }, table('Per Datanet', [
      { label: 'Datanet', cell: (d) => datanets(d.datanets) },
      { label: 'Inferences', cell: (d) => groupDigits(d.inferences), class: 'num' },
      { label: 'Earned', cell: (d) => open(d.earned), class: 'num' },
      { label: 'Withheld', cell: (d) => open(d.withheld), class: 'num' },
      { label: 'Paid', cell: (d) => open(d.paid), class: 'num' },
    ], v.datanets)),
    h('p', { class: 'hint' }, 'A reward comes through the Datanets of the model that answered in which this account has accepted contributions; when it has them in several, the chain does not split the reward, and they share one row.'),
    h('div', { id: 'earnings-inferences' }, table(v.more ? `Latest ${v.inferences.length} paid inferences` : 'Per inference', [
      { label: 'Request', cell: (i) => mono(i.requestId, i.requestId) },
      { label: 'Model', cell: (i) => h('a', { href: `#/model/${encodeURIComponent(i.model)}/${i.version}` }, `${i.model} v${i.version}`) },
      { label: 'Block', cell: (i) => h('a', { href: `#/block/${i.height}` }, groupDigits(i.height)), class: 'num' },
      { label: 'Time', cell: (i) => localMillis(i.timeMillis) },
      { label: 'Share', cell: (i) => `${((i.units / i.scale) * 100).toFixed(1)}%`, class: 'num' },
      { label: 'Paid', cell: (i) => open(i.paid), class: 'num' },
      { label: 'Withheld', cell: (i) => open(i.withheld), class: 'num' },
    ], v.inferences)),
  ];
}
