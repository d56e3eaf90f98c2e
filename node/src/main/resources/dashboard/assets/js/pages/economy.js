// The economy's health on the Network page: how concentrated stake and voting power are (Gini coefficient
// and Nakamoto coefficient, now and per epoch), where the treasury's OPEN comes from and goes, rewards by
// kind, and adoption. Every figure is computed on chain at the close of each epoch. API: GET /api/economy.
import { barChart, groupedBarChart, lineChart } from '../charts.js';
import { facts, h, section } from '../dom.js';
import { giniText, groupDigits, open, openNumber, openOfNano, percentPpm, seconds } from '../format.js';

/** Epochs of the series asked for; the flow bars show the last FLOW_BARS of them. */
export const EPOCHS = 60;
const FLOW_BARS = 20;

const time = (ms) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

export function economySection(e) {
  const series = e.series;
  const few = series.length < 2;
  return section('Concentration and treasury',
    h('p', { class: 'hint' }, `Figures the chain computes when each epoch of ${seconds(e.epoch.lengthSeconds)} closes (epochs without blocks have none). The Gini coefficient is 0 when everyone holds the same and near 1 when one holder has everything; the Nakamoto coefficient is the fewest holders who together hold more than a third (enough to stall a vote) or a half.`),
    h('div', { class: 'chart-row', id: 'concentration-now' },
      holdings('Stake', e.stake, 'stake'),
      holdings('Voting power', e.votingPower, 'votes')),
    few ? h('p', { class: 'muted' }, 'The charts appear once two epochs have closed.') : h('div', { class: 'chart-row', id: 'concentration-charts' },
      lineChart({
        title: 'Gini coefficient per epoch',
        description: `Gini coefficient of stake, voting power and rewards received so far, at the close of each of the last ${series.length} epochs.`,
        series: [
          { name: 'stake', points: series.map((s) => ({ x: s.endMillis, y: s.stake.giniPpm / 1e6 })) },
          { name: 'voting power', points: series.map((s) => ({ x: s.endMillis, y: s.votingPower.giniPpm / 1e6 })) },
          { name: 'rewards (cumulative)', points: series.map((s) => ({ x: s.endMillis, y: s.rewardsCumulative.giniPpm / 1e6 })) },
        ],
        xLabel: 'epoch end', yLabel: 'Gini', xFormat: time, yFormat: (v) => v.toFixed(2),
      }),
      lineChart({
        title: 'Nakamoto coefficient per epoch',
        description: 'The fewest stakers (or delegates) holding more than a third, and more than half, of the stake (or voting power), per epoch.',
        series: [
          { name: 'stake > 1/3', points: series.map((s) => ({ x: s.endMillis, y: s.stake.nakamoto33 })) },
          { name: 'stake > 1/2', points: series.map((s) => ({ x: s.endMillis, y: s.stake.nakamoto50 })) },
          { name: 'voting power > 1/3', points: series.map((s) => ({ x: s.endMillis, y: s.votingPower.nakamoto33 })) },
          { name: 'voting power > 1/2', points: series.map((s) => ({ x: s.endMillis, y: s.votingPower.nakamoto50 })) },
        ],
        xLabel: 'epoch end', yLabel: 'holders', xFormat: time, yFormat: (v) => String(Math.round(v)),
      })),
    h('h3', {}, 'Treasury'),
    facts([
      ['Balance', h('span', { id: 'treasury-balance' }, open(e.treasury.balance))],
      ['From inference fees', open(e.treasury.settlementIncome)],
      ['From slashing', open(e.treasury.slashIncome)],
      ['Spent by governance', open(e.treasury.spent)],
    ]),
    few ? null : h('div', { class: 'chart-row', id: 'treasury-charts' },
      lineChart({
        title: 'Treasury balance at the close of each epoch',
        description: 'OPEN held by the treasury module account when each epoch closed.',
        series: [{ name: 'treasury', points: series.map((s) => ({ x: s.endMillis, y: openNumber(s.treasuryEnd) })) }],
        xLabel: 'epoch end', yLabel: 'OPEN', xFormat: time, yFormat: (v) => groupDigits(Number(v.toPrecision(6))),
      }),
      groupedBarChart({
        title: 'Treasury flows per epoch',
        description: 'OPEN into the treasury from inference fees, slashing and other income (transaction fees and transfers), and out by governance spending, per epoch.',
        groups: series.slice(-FLOW_BARS).map((s) => ({
          label: time(s.endMillis),
          values: [nanoNumber(s.flows.treasury_settlement_in), nanoNumber(s.flows.treasury_slash_in), Math.max(0, openNumber(s.treasuryOtherIncome)), nanoNumber(s.flows.treasury_spent)],
        })),
        series: ['inference fees', 'slashing', 'other income', 'spent'],
        xLabel: 'epoch end', yLabel: 'OPEN', yFormat: (v) => String(Number(v.toPrecision(4))),
      })),
    h('h3', {}, 'Rewards and use'),
    facts([
      ['Staking interest paid', open(e.rewards.byKind.staking_interest ?? '0')],
      ['Paid to data contributors', open(e.rewards.byKind.contributor ?? '0')],
      ['Paid to model developers', open(e.rewards.byKind.developer ?? '0')],
      ['Paid to serving providers', open(e.rewards.byKind.provider ?? '0')],
      ['Interest the reserve could not pay', openOfNano(e.totals.interest_shortfall)],
      ['Models registered / approved / rejected', `${e.adoption.modelsRegistered} / ${e.adoption.modelsApproved} / ${e.adoption.modelsRejected}`],
      ['Paid inferences', `${groupDigits(e.adoption.inferences)}, ${open(e.adoption.inferenceFees)} in fees`],
      ['Governance', `${e.governance.votesCast} votes by ${e.governance.distinctVoters} distinct voters on ${e.governance.proposals.length} proposals`],
    ]),
    few ? null : h('div', { class: 'chart-row' },
      barChart({
        title: 'Votes cast per epoch',
        description: 'Governance votes included in each epoch.',
        bars: series.slice(-FLOW_BARS).map((s) => ({ label: time(s.endMillis), value: s.flows.votes_cast })),
        xLabel: 'epoch end', yLabel: 'votes', yFormat: (v) => String(Math.round(v)),
      }),
      barChart({
        title: 'Staking interest paid per epoch',
        description: 'OPEN paid out of the staking rewards reserve as interest, per epoch.',
        bars: series.slice(-FLOW_BARS).map((s) => ({ label: time(s.endMillis), value: nanoNumber(s.flows.interest_paid) })),
        xLabel: 'epoch end', yLabel: 'OPEN', yFormat: (v) => String(Number(v.toPrecision(4))),
      })));
}

const nanoNumber = (n) => Number(n) / 1e9;

function holdings(label, hd, id) {
  const c = hd.concentration;
  return h('div', { class: 'card inner', id: `concentration-${id}` },
    h('h3', {}, label),
    facts([
      ['Holders', groupDigits(c.holders)],
      ['Total', open(c.total)],
      ['Gini', h('span', { class: 'gini' }, giniText(c.giniPpm))],
      ['Nakamoto (> 1/3, > 1/2)', h('span', { class: 'nakamoto' }, `${c.nakamoto33}, ${c.nakamoto50}`)],
      ['Largest holder', percentPpm(c.top1Ppm)],
    ]));
}
