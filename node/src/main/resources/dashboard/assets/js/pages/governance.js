// Governance: the settings, every proposal with its state and tally, and a form to propose a change of
// governance settings, a change of the inference fee split, or a model's approval, signed in the browser.
// APIs: GET /api/gov/params, /api/gov/proposals, /api/bank/params, /api/models?state=proposed,
// /api/staking/accounts/{addr}, POST /api/tx.
import { getJson, watch } from '../api.js';
import { tallyBar } from '../charts.js';
import { facts, field, fill, h, notice, pageTitle, section, table } from '../dom.js';
import { badge, localMillis, open, openNumber, percentBps, seconds } from '../format.js';
import { eventValue, failure, outcome, signAndSend, succeeded } from '../send.js';
import { formatNano, parseOpen } from '../sign/amount.js';
import { messages } from '../sign/codec.js';
import { keyPanel, onWalletChange, wallet } from '../wallet.js';

export const PROPOSAL_STATE_KIND = {
  pending: 'info', active: 'info', succeeded: 'ok', queued: 'ok', executed: 'ok', defeated: 'bad', canceled: 'neutral', expired: 'neutral',
};

export async function render(root, { signal }) {
  const [params, status] = await Promise.all([getJson('/api/gov/params', { signal }), getJson('/api/status', { signal })]);
  const list = h('div', { id: 'proposals' });
  const problem = h('div');
  fill(root,
    pageTitle('Governance', 'Staked OPEN is voting power. A proposal carries messages that the chain runs, with the governance account as their sender, if the vote passes: For must beat Against, and For plus Abstain must reach the quorum. A passed proposal waits out a timelock before anyone can execute it.'),
    problem,
    facts([
      ['Voting opens', `${seconds(params.votingDelaySeconds)} after a proposal is made (voting power is read at that moment)`],
      ['Voting lasts', seconds(params.votingPeriodSeconds)],
      ['Quorum', `${percentBps(params.quorumBps)} of the voting power, For + Abstain`],
      ['To propose', `at least ${open(params.proposalThreshold)} of voting power`],
      ['Timelock', `${seconds(params.timelockSeconds)}, then executable for ${seconds(params.gracePeriodSeconds)}`],
    ]),
    section('Proposals', list),
    section('Make a proposal', keyPanel({ chainId: status.chainId, signal }), await proposeForm(params, signal)));
  watch(2000, async () => (await getJson('/api/gov/proposals', { signal })).proposals, (proposals) => fill(list, proposalsTable(proposals)), signal,
    (e) => fill(problem, notice('error', `Could not reach the node: ${e.message}. Retrying.`)));
}

function proposalsTable(proposals) {
  return table('Proposals, newest first', [
    { label: '#', cell: (p) => h('a', { href: `#/proposal/${p.id}`, class: 'proposal-link' }, `#${p.id}`) },
    { label: 'Proposal', cell: (p) => h('span', { class: 'description' }, p.description) },
    { label: 'State', cell: (p) => badge(p.state, PROPOSAL_STATE_KIND[p.state]) },
    { label: 'Tally', cell: (p) => (p.totalPower ? tally(p) : 'voting power is read when voting opens') },
    { label: 'Voting closes', cell: (p) => localMillis(p.deadlineMillis) },
  ], [...proposals].reverse(), { empty: 'No proposal yet.' });
}

/** The tally bar of a proposal view (amounts are decimal OPEN strings). */
export function tally(p) {
  return tallyBar({
    title: `Votes on proposal ${p.id}`,
    forVotes: openNumber(p.forVotes), againstVotes: openNumber(p.againstVotes), abstainVotes: openNumber(p.abstainVotes),
    quorum: openNumber(p.quorum), total: openNumber(p.totalPower),
    texts: { For: open(p.forVotes), Against: open(p.againstVotes), Abstain: open(p.abstainVotes), quorum: open(p.quorum), total: open(p.totalPower) },
  });
}

/** The three kinds of proposal this page writes; each builds its messages from its fields. */
async function proposeForm(params, signal) {
  const [bank, proposed] = await Promise.all([getJson('/api/bank/params', { signal }), getJson('/api/models?state=proposed', { signal })]);
  const kind = h('select', { id: 'proposal-kind' },
    h('option', { value: 'gov' }, 'Change the governance settings'),
    h('option', { value: 'bank' }, 'Change the inference fee split'),
    h('option', { value: 'model' }, 'Approve a proposed model'));
  const kinds = { gov: govFields(params), bank: bankFields(bank), model: modelFields(proposed.models) };
  const fields = h('div', { id: 'proposal-fields' });
  const showKind = () => fill(fields, kinds[kind.value].el);
  kind.addEventListener('change', showKind);
  showKind();
  const description = h('textarea', { id: 'proposal-description', rows: 3, required: true, maxlength: 4096, placeholder: 'What changes and why' });
  const power = h('p', { id: 'proposal-power', class: 'hint' });
  const button = h('button', { type: 'submit', id: 'propose-button' }, 'Sign and propose');
  const result = h('div', { id: 'propose-result', 'aria-live': 'polite' });
  const form = h('form', { class: 'stack', id: 'propose-form' },
    field('Kind', kind), fields, field('Description', description, 'Voters read this; at most 4,096 bytes.'), power, button, result);
  const threshold = parseOpen(params.proposalThreshold);
  const sync = async (w) => {
    button.disabled = true;
    if (!w) {
      fill(power, 'Load a key with voting power to propose.');
      return;
    }
    const votes = parseOpen((await getJson(`/api/staking/accounts/${w.address}`, { signal })).votes);
    button.disabled = votes < threshold;
    fill(power, `Your voting power: ${open(formatNano(votes))}; a proposal needs ${open(params.proposalThreshold)}.`,
      votes < threshold ? ' Stake OPEN (or have it delegated to you) on the Account page first.' : '');
  };
  const resync = (w) => sync(w).catch((e) => {
    if (e?.name !== 'AbortError') fill(power, notice('error', e.message));
  });
  onWalletChange(resync, signal);
  resync(wallet());
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    button.disabled = true;
    try {
      const inner = kinds[kind.value].messages();
      const sent = await signAndSend(messages.propose(inner, description.value.trim()), result, { signal });
      const id = eventValue(sent.final, 'gov.propose', 'proposal');
      fill(result, outcome(sent, succeeded(sent.final) ? `Proposal #${id} made; voting opens in ${seconds(params.votingDelaySeconds)}` : ''),
        succeeded(sent.final) ? h('p', {}, h('a', { href: `#/proposal/${id}`, id: 'new-proposal-link' }, `Go to proposal #${id}.`)) : null);
    } catch (err) {
      if (err?.name !== 'AbortError') fill(result, failure(err));
    } finally {
      resync(wallet());
    }
  });
  return form;
}

const whole = (id, value, min = 0) => h('input', { type: 'number', id, value, min, step: 1, required: true });

function intValue(input, label) {
  const v = Number(input.value);
  if (!Number.isSafeInteger(v) || v < 0) throw new Error(`${label} must be a whole number`);
  return v;
}

function govFields(p) {
  const f = {
    delay: whole('gov-delay', p.votingDelaySeconds), period: whole('gov-period', p.votingPeriodSeconds, 1),
    threshold: h('input', { type: 'text', id: 'gov-threshold', value: p.proposalThreshold, inputmode: 'decimal', required: true }),
    quorum: whole('gov-quorum', p.quorumBps), timelock: whole('gov-timelock', p.timelockSeconds), grace: whole('gov-grace', p.gracePeriodSeconds, 1),
  };
  return {
    el: h('div', { class: 'field-row' }, field('Voting delay (s)', f.delay), field('Voting period (s)', f.period), field('Threshold (OPEN)', f.threshold),
      field('Quorum (basis points)', f.quorum, '2500 = 25%'), field('Timelock (s)', f.timelock), field('Grace period (s)', f.grace)),
    messages: () => {
      const quorumBps = intValue(f.quorum, 'the quorum');
      if (quorumBps > 10_000) throw new Error('the quorum is at most 10000 basis points');
      return [messages.updateGovParams({
        votingDelaySeconds: intValue(f.delay, 'the voting delay'), votingPeriodSeconds: intValue(f.period, 'the voting period'),
        proposalThresholdNano: parseOpen(f.threshold.value), quorumBps,
        timelockSeconds: intValue(f.timelock, 'the timelock'), gracePeriodSeconds: intValue(f.grace, 'the grace period'),
      })];
    },
  };
}

const SPLIT = [['contributorsBps', 'Data contributors'], ['developerBps', 'Model developer'], ['providerBps', 'Serving provider'], ['stakersBps', 'Stakers'], ['treasuryBps', 'Treasury']];

function bankFields(b) {
  const inputs = Object.fromEntries(SPLIT.map(([k]) => [k, whole(`bank-${k}`, b.inferenceFeeSplit[k])]));
  const txFee = whole('bank-txFeeStakersBps', b.txFeeStakersBps);
  return {
    el: h('div', {}, h('p', { class: 'hint' }, 'Shares of each inference fee in basis points (100 = 1%); they must add up to 10000.'),
      h('div', { class: 'field-row' }, SPLIT.map(([k, label]) => field(label, inputs[k])), field('Stakers\' share of transaction fees', txFee))),
    messages: () => {
      const split = Object.fromEntries(SPLIT.map(([k, label]) => [k, intValue(inputs[k], label)]));
      const sum = Object.values(split).reduce((a, v) => a + v, 0);
      if (sum !== 10_000) throw new Error(`the inference fee shares add up to ${sum} basis points, not 10000`);
      const tx = intValue(txFee, 'the stakers\' share of transaction fees');
      if (tx > 10_000) throw new Error('the stakers\' share of transaction fees is at most 10000 basis points');
      return [messages.updateBankParams({ inferenceFeeSplit: split, txFeeStakersBps: tx })];
    },
  };
}

function modelFields(models) {
  if (!models.length) {
    return { el: h('p', { class: 'muted' }, 'No model is waiting for approval (state "proposed").'), messages: () => { throw new Error('no model to approve'); } };
  }
  const select = h('select', { id: 'approve-model' }, models.map((m) => h('option', { value: `${m.name}@${m.version}` }, `${m.name} v${m.version}`)));
  return {
    el: field('Model', select),
    messages: () => {
      const [name, version] = select.value.split('@');
      return [messages.approveModel(name, Number(version))];
    },
  };
}
