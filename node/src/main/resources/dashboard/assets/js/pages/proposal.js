// One proposal (#/proposal/ID): state, tally against the quorum, timeline (proposed, voting opens at the
// snapshot, voting closes, executable from the eta, expires, executed), the messages it runs, its votes, and
// voting, queueing and executing, each signed in the browser. It refreshes every 2 s.
// APIs: GET /api/gov/proposals/{id}, …/votes, /api/staking/accounts/{addr}, POST /api/tx.
import { every, getJson, getJsonOrNull } from '../api.js';
import { facts, fill, h, notice, pageTitle, section, table } from '../dom.js';
import { badge, fromNow, localMillis, open, percentPpm, shortAddress } from '../format.js';
import { failure, outcome, signAndSend, succeeded } from '../send.js';
import { messages } from '../sign/codec.js';
import { keyPanel, onWalletChange, wallet } from '../wallet.js';
import { PROPOSAL_STATE_KIND, tally } from './governance.js';

export async function render(root, { args, signal }) {
  const id = Number(args[0]);
  const first = Number.isSafeInteger(id) && id > 0 ? await getJsonOrNull(`/api/gov/proposals/${id}`, { signal }) : null;
  if (!first) {
    fill(root, pageTitle('Proposal'), notice('error', `There is no proposal ${args[0] ?? ''}.`), h('a', { href: '#/governance' }, 'All proposals'));
    return;
  }
  const status = await getJson('/api/status', { signal });
  const head = h('div', { id: 'proposal-head' });
  const tallyBox = h('div', { id: 'proposal-tally' });
  const timeline = h('div', { id: 'proposal-timeline' });
  const votes = h('div', { id: 'proposal-votes' });
  const actions = h('div', { id: 'proposal-actions' });
  const actionResult = h('div', { id: 'proposal-action-result', 'aria-live': 'polite' });
  const problem = h('div');
  const p0 = first.proposal;
  fill(root,
    pageTitle(`Proposal #${id}`),
    h('p', { class: 'intro proposal-text' }, p0.description),
    problem, head,
    section('Tally', tallyBox),
    section('Timeline', timeline),
    section('Vote', keyPanel({ chainId: status.chainId, signal }), voteForm(id, signal, () => refresh()), actions, actionResult),
    section('What it does if it passes', messageList(p0.messages)),
    section('Votes', votes));

  let actionKey = null;
  const draw = async () => {
    const [at, v] = await Promise.all([getJson(`/api/gov/proposals/${id}`, { signal }), getJson(`/api/gov/proposals/${id}/votes`, { signal })]);
    const p = at.proposal;
    const now = at.evaluatedAtMillis;
    fill(problem);
    fill(head, facts([
      ['State', h('span', { id: 'proposal-state' }, badge(p.state, PROPOSAL_STATE_KIND[p.state]))],
      ['Proposer', h('a', { href: `#/account/${p.proposer}` }, p.proposer)],
      ['Proposed in block', String(p.createdHeight)],
      p.lastFailure ? ['Last execution attempt', `message ${p.lastFailure.index + 1} failed (${p.lastFailure.code}): ${p.lastFailure.message}; nothing changed`] : null,
    ]));
    fill(tallyBox, p.totalPower ? [
      tally(p),
      facts([
        ['Voting power at the snapshot', open(p.totalPower)],
        ['Quorum (For + Abstain)', `${open(p.quorum)} (${p.quorumBps / 100}%)`],
        ['Turnout', `${percentPpm(p.turnoutPpm ?? 0)} from ${p.voters} voter${p.voters === 1 ? '' : 's'}`],
        ['For', h('span', { id: 'tally-for' }, open(p.forVotes))],
        ['Against', h('span', { id: 'tally-against' }, open(p.againstVotes))],
        ['Abstain', h('span', { id: 'tally-abstain' }, open(p.abstainVotes))],
      ]),
    ] : h('p', { class: 'muted' }, 'Voting power is read when voting opens; no tally before then.'));
    fill(timeline, timelineList(p, now));
    fill(votes, table('Votes cast, with the weight each voter had at the snapshot', [
      { label: 'Voter', cell: (x) => h('a', { href: `#/account/${x.voter}` }, shortAddress(x.voter)) },
      { label: 'Vote', cell: (x) => x.support },
      { label: 'Weight', cell: (x) => open(x.weight), class: 'num' },
    ], v.votes, { empty: 'No vote yet.' }));
    // the queue and execute buttons are redrawn only when what they depend on changes
    const key = `${p.state}/${now >= (p.etaMillis ?? Infinity)}`;
    if (key !== actionKey) {
      actionKey = key;
      fill(actions, lifecycleAction(p, now, actionResult, signal, () => refresh()));
    }
  };
  const refresh = () => draw().catch((e) => fill(problem, notice('error', e.message)));
  every(2000, draw, signal, (e) => fill(problem, notice('error', `Could not reach the node: ${e.message}. Retrying.`)));
}

function timelineList(p, now) {
  const steps = [
    ['Proposed', p.createdMillis],
    ['Voting opens (voting power read)', p.snapshotMillis],
    ['Voting closes', p.deadlineMillis],
    p.etaMillis ? ['Executable (timelock over)', p.etaMillis] : null,
    p.expiresMillis && !p.executedMillis ? ['Expires unless executed', p.expiresMillis] : null,
    p.executedMillis ? ['Executed', p.executedMillis] : null,
  ].filter(Boolean);
  return h('ol', { class: 'timeline' }, steps.map(([label, at]) => h('li', { class: at <= now ? 'done' : 'upcoming' },
    h('strong', {}, label), ` — ${localMillis(at)} (${fromNow(at, now)})`)));
}

/** Each message in words where the page knows it, then its type and fields as the chain stores them. */
function messageList(list) {
  return h('ol', { class: 'messages' }, list.map((m) => h('li', {}, words(m), h('code', {}, m.type),
    h('pre', { class: 'json' }, JSON.stringify(Object.fromEntries(Object.entries(m).filter(([k]) => k !== 'type')), null, 2)))));
}

function words(m) {
  const model = () => h('a', { href: `#/model/${encodeURIComponent(m.name)}/${m.version}` }, `${m.name} v${m.version}`);
  switch (m.type) {
    case 'model/approve':
      return h('p', {}, 'approve model ', model(), ' for serving');
    case 'model/reject':
      return h('p', {}, 'reject model ', model(), m.reason ? `: ${m.reason}` : '');
    case 'gov/update_params':
      return h('p', {}, 'change the governance settings');
    case 'bank/update_params':
      return h('p', {}, 'change the fee split');
    default:
      return null;
  }
}

function voteForm(id, signal, voted) {
  const choice = (value, label) => h('label', { class: 'check' }, h('input', { type: 'radio', name: 'support', value, required: true, id: `vote-${value}` }), ` ${label}`);
  const reason = h('input', { type: 'text', id: 'vote-reason', maxlength: 512, autocomplete: 'off' });
  const button = h('button', { type: 'submit', id: 'vote-button' }, 'Sign and vote');
  const power = h('p', { class: 'hint', id: 'vote-power' });
  const result = h('div', { id: 'vote-result', 'aria-live': 'polite' });
  const form = h('form', { class: 'stack', id: 'vote-form' },
    h('fieldset', { class: 'checks' }, h('legend', {}, 'Your vote'), choice('for', 'For'), choice('against', 'Against'), choice('abstain', 'Abstain')),
    h('div', { class: 'field' }, h('label', { for: 'vote-reason' }, 'Reason (optional)'), reason), power, button, result);
  const sync = async (w) => {
    button.disabled = !w;
    fill(power, w ? '' : 'Load a key to vote.');
    if (!w) return;
    const a = await getJson(`/api/staking/accounts/${w.address}`, { signal });
    fill(power, `Your voting power now: ${open(a.votes)}. Your vote weighs what you had when voting opened.`);
  };
  const resync = (w) => sync(w).catch((e) => {
    if (e?.name !== 'AbortError') fill(power, notice('error', e.message));
  });
  onWalletChange(resync, signal);
  resync(wallet());
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const support = form.querySelector('input[name=support]:checked')?.value;
    if (!support) return;
    button.disabled = true;
    try {
      const sent = await signAndSend(messages.vote(id, support, reason.value.trim()), result, { signal });
      fill(result, outcome(sent, `Voted ${support}`));
      if (succeeded(sent.final)) voted();
    } catch (err) {
      if (err?.name !== 'AbortError') fill(result, failure(err));
    } finally {
      button.disabled = !wallet();
    }
  });
  return form;
}

/** Queue a succeeded proposal, or execute a queued one whose timelock is over; anyone may send either. */
function lifecycleAction(p, now, result, signal, done) {
  let label = null;
  let message = null;
  if (p.state === 'succeeded') {
    label = 'Sign and queue';
    message = () => messages.queue(p.id);
  } else if (p.state === 'queued' && now >= p.etaMillis) {
    label = 'Sign and execute';
    message = () => messages.execute(p.id);
  } else if (p.state === 'queued') {
    return h('p', { class: 'hint' }, `Queued: anyone can execute it from ${localMillis(p.etaMillis)}.`);
  }
  if (!message) return null;
  const button = h('button', { type: 'button', id: 'lifecycle-button' }, label);
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const sent = await signAndSend(message(), result, { signal });
      fill(result, outcome(sent, p.state === 'succeeded' ? 'Queued' : 'Executed'));
      done();
    } catch (err) {
      if (err?.name !== 'AbortError') fill(result, failure(err));
    } finally {
      button.disabled = false;
    }
  });
  return h('div', {}, h('p', { class: 'hint' }, p.state === 'succeeded' ? 'The vote passed; anyone can queue it for execution after the timelock.' : 'The timelock is over; anyone can execute it now.'), button);
}
