// Account: an address's balance and nonce; its vesting (locked and unlocked); its stakes per pool with the
// interest accrued so far, its unbondings and delegation; what it earned by role (staking interest,
// contributor, model developer, serving provider) and the models it developed; its rewards from attribution
// per Datanet and per inference; its payment channels; and, with the tab's key,
// sending OPEN, staking, delegating, unstaking and withdrawing (claiming) an unbonding, opening and managing
// payment channels and creating an API key, all signed in this browser.
// APIs: /api/accounts/{address}, /api/status, /api/staking/pools, /api/staking/accounts/{address},
// /api/bank/vesting, /api/economy/rewards/{address}, /api/attribution/by-contributor/{address},
// /api/payments/channels, POST /api/tx, /api/tx/{hash}.
import { every, getJson, getJsonOrNull, watch } from '../api.js';
import { lineChart } from '../charts.js';
import { facts, field, fill, h, notice, pageTitle, section, table } from '../dom.js';
import { fromNow, groupDigits, localMillis, open, percentBps, shortAddress } from '../format.js';
import { failure, outcome, signAndSend } from '../send.js';
import { parseAddress } from '../sign/address.js';
import { formatNano, parseOpen } from '../sign/amount.js';
import { messages, PURPOSES } from '../sign/codec.js';
import { keyPanel, onWalletChange, wallet } from '../wallet.js';
import { earningsSection } from './attribution.js';
import { paymentsSection } from './payments.js';

export async function render(root, { args, signal }) {
  const status = await getJson('/api/status', { signal });
  let refreshStakes = () => {};
  const pools = await getJsonOrNull('/api/staking/pools', { signal });
  const address = args[0] ?? wallet()?.address ?? '';
  const lookup = h('input', { type: 'text', id: 'address-input', value: address, spellcheck: 'false', autocomplete: 'off', placeholder: 'ol1…', required: true });
  const lookupForm = h('form', { class: 'inline-form', role: 'search' },
    field('Address', lookup), h('button', { type: 'submit' }, 'Show'));
  lookupForm.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = `#/account/${lookup.value.trim()}`;
  });
  const details = h('div', { id: 'account-details' });
  const vesting = h('div', { id: 'vesting' });
  const stakes = h('div', { id: 'stakes' });
  const manage = h('div', { id: 'manage-stakes' });
  const manageResult = h('div', { id: 'manage-result', 'aria-live': 'polite' });
  const payments = h('div', { id: 'payments' });
  const earnings = h('div', { id: 'attribution-earnings' });
  const roles = h('div', { id: 'role-earnings' });
  fill(root,
    pageTitle('Account', 'An account is an Ed25519 key; its address starts with "ol1". Look one up, or load your key to send, stake and vote.'),
    lookupForm, details, vesting, stakes, manage, manageResult, roles, earnings, payments,
    section('Your key', keyPanel({ chainId: status.chainId, signal })),
    section('Send OPEN', sendForm(status, signal)),
    pools ? section('Stake and delegate', stakeForms(pools.pools, signal, () => refreshStakes())) : null);
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
  // the list, not /api/bank/vesting/{address}: most accounts have no schedule, and a 404 every few seconds
  // would fill the browser's console
  watch(5000, async () => (await getJsonOrNull('/api/bank/vesting', { signal }))?.schedules.find((v) => v.schedule.owner === address) ?? null,
    (v) => fill(vesting, v ? vestingSection(v) : null), signal, (e) => fill(vesting, notice('error', e.message)));
  watch(5000, () => getJson(`/api/economy/rewards/${address}`, { signal }),
    (r) => fill(roles, roleEarnings(r)), signal, (e) => fill(roles, notice('error', e.message)));
  fill(earnings, await earningsSection(address, signal));
  fill(payments, await paymentsSection(address, signal));
  if (pools) {
    const poolNames = new Map(pools.pools.map((p) => [p.id, p.config.name]));
    let manageKey = null;
    refreshStakes = every(3000, async () => {
      const s = await getJson(`/api/staking/accounts/${address}`, { signal });
      drawStakes(stakes, s, poolNames);
      // the unstake and withdraw forms are redrawn only when what they offer changes
      const key = JSON.stringify([wallet()?.address, s.positions.map((p) => [p.id, p.locked]), s.unbondings.map((u) => [u.id, u.withdrawable])]);
      if (key !== manageKey) {
        manageKey = key;
        fill(manage, wallet()?.address === s.address ? manageForm(s, manageResult, signal, () => refreshStakes()) : null);
      }
    }, signal, (e) => fill(stakes, notice('error', e.message)));
  }
}

/** Locked and unlocked OPEN of a vesting schedule, with the schedule drawn and today marked. */
function vestingSection(v) {
  const s = v.schedule;
  const total = parseOpen(s.total);
  const locked = parseOpen(v.lockedNow);
  const unlocked = total - locked;
  const asOpen = (n) => Number(n) / 1e9;
  // where the schedule reaches what has vested (the chain's figure), or the clock before the cliff and after the end
  const now = unlocked > 0n && unlocked < total
    ? s.cliffMillis + Number(((BigInt(s.endMillis - s.cliffMillis)) * unlocked) / total)
    : Math.min(Math.max(Date.now(), s.startMillis), s.endMillis);
  return section('Vesting',
    h('p', { class: 'hint' }, 'Locked OPEN stays in the vesting account until it vests: it cannot be sent, staked or used for fees. What has vested is paid into this account block by block.'),
    facts([
      ['Allocation', open(s.total)],
      ['Unlocked', h('span', { id: 'vesting-unlocked' }, open(formatNano(unlocked)))],
      ['Locked now', h('span', { id: 'vesting-locked' }, open(v.lockedNow))],
      ['Paid into the account so far', open(s.released)],
      ['Cliff', `${localMillis(s.cliffMillis)} (${fromNow(s.cliffMillis)})`],
      ['Fully vested', `${localMillis(s.endMillis)} (${fromNow(s.endMillis)})`],
    ]),
    lineChart({
      title: 'Vested OPEN over time',
      description: `Nothing vests before the cliff, then the allocation vests linearly until the end; ${open(formatNano(unlocked))} of ${open(s.total)} have vested now.`,
      series: [
        { name: 'vested', points: [{ x: s.startMillis, y: 0 }, { x: s.cliffMillis, y: 0 }, { x: s.endMillis, y: asOpen(total) }] },
        { name: 'now', points: [{ x: now, y: asOpen(unlocked) }] },
      ],
      xLabel: 'time', yLabel: 'OPEN', xFormat: (t) => new Date(t).toLocaleTimeString(), yFormat: (y) => groupDigits(Math.round(y)),
    }));
}

function drawStakes(el, s, poolNames) {
  const value = (p) => parseOpen(p.value);
  const principal = (p) => parseOpen(p.principal);
  const staked = s.positions.reduce((n, p) => n + principal(p), 0n);
  const accrued = s.positions.reduce((n, p) => n + value(p) - principal(p), 0n);
  const delegated = s.delegate !== s.address;
  fill(el, section('Staking',
    facts([
      ['Staked', h('span', { id: 'staked' }, open(formatNano(staked)))],
      ['Interest accrued, not yet paid', h('span', { id: 'interest' }, open(formatNano(accrued)))],
      ['Voting power', delegated ? h('span', {}, `${open(s.units)} delegated to `, h('a', { href: `#/account/${s.delegate}` }, shortAddress(s.delegate))) : `${open(s.units)}, its own`],
      ['Votes held (own and delegated to it)', h('span', { id: 'votes' }, open(s.votes))],
      s.jails.length ? ['Jailed roles', s.jails.map((j) => `${j.purpose} until ${localMillis(j.untilMillis)}${j.tombstoned ? ' (for good)' : ''}`).join('; ')] : null,
    ]),
    table('Positions: interest compounds continuously and is paid when a position is topped up or unstaked', [
      { label: '#', cell: (p) => String(p.id), class: 'num' },
      { label: 'Pool', cell: (p) => poolNames.get(p.pool) ?? `pool ${p.pool}` },
      { label: 'Role', cell: (p) => p.purpose },
      { label: 'Staked', cell: (p) => open(p.principal), class: 'num' },
      { label: 'Value now', cell: (p) => open(p.value), class: 'num' },
      { label: 'Interest', cell: (p) => open(formatNano(value(p) - principal(p))), class: 'num' },
      { label: 'Rate', cell: (p) => `${percentBps(p.annualRateBps)} a year` },
      { label: 'Locked', cell: (p) => (p.locked ? `until ${localMillis(p.lockEndMillis)}` : 'no') },
    ], s.positions, { empty: 'No stake.' }),
    s.unbondings.length ? table('Unbonding: unstaked OPEN waiting out its cooldown, then withdrawn by its owner', [
      { label: '#', cell: (u) => String(u.id), class: 'num' },
      { label: 'Pool', cell: (u) => poolNames.get(u.pool) ?? `pool ${u.pool}` },
      { label: 'Amount', cell: (u) => open(u.amount), class: 'num' },
      { label: 'Withdrawable', cell: (u) => (u.withdrawable ? 'now' : `from ${localMillis(u.unlockMillis)}`) },
    ], s.unbondings) : null));
}

/** Unstaking a position and withdrawing (claiming) an unbonding, for the account's own key. */
function manageForm(s, result, signal, refresh) {
  const unlocked = s.positions.filter((p) => !p.locked);
  const ready = s.unbondings.filter((u) => u.withdrawable);
  if (!unlocked.length && !ready.length) return null;
  const action = (label, done, id, options, build) => {
    const select = h('select', { id: `${id}-select` }, options.map(([v, t]) => h('option', { value: v }, t)));
    const button = h('button', { type: 'button', id: `${id}-button`, class: 'secondary' }, label);
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        fill(result, outcome(await signAndSend(build(Number(select.value)), result, { signal }), `${done} #${select.value}`));
        refresh();
      } catch (err) {
        if (err?.name !== 'AbortError') fill(result, failure(err));
      } finally {
        button.disabled = false;
      }
    });
    return h('div', { class: 'inline-form' }, field(label, select), button);
  };
  return section('Unstake and claim',
    h('p', { class: 'hint' }, 'Unstaking pays the interest and starts the pool\'s cooldown; after it, withdraw the unbonding to your balance.'),
    unlocked.length ? action('Unstake', 'Unstaked position', 'unstake', unlocked.map((p) => [p.id, `#${p.id}: ${open(p.value)}`]), messages.unstake) : null,
    ready.length ? action('Withdraw', 'Withdrew unbonding', 'withdraw', ready.map((u) => [u.id, `#${u.id}: ${open(u.amount)}`]), messages.withdraw) : null);
}

function stakeForms(pools, signal, refresh) {
  const pool = h('select', { id: 'stake-pool' }, pools.filter((p) => p.config.active).map((p) => h('option', { value: p.id },
    `${p.config.name}: ${percentBps(p.config.annualRateBps)} a year${p.config.lockSeconds ? `, locked ${p.config.lockSeconds} s` : ', no lock'}${p.config.cooldownSeconds ? `, ${p.config.cooldownSeconds} s cooldown` : ''}`)));
  const purpose = h('select', { id: 'stake-purpose' }, PURPOSES.map((p) => h('option', { value: p }, p)));
  const amount = h('input', { type: 'text', id: 'stake-amount', inputmode: 'decimal', placeholder: '100', required: true });
  const stakeButton = h('button', { type: 'submit', id: 'stake-button' }, 'Sign and stake');
  const to = h('input', { type: 'text', id: 'delegate-to', spellcheck: 'false', autocomplete: 'off', placeholder: 'ol1… (your own address takes your votes back)', required: true });
  const delegateButton = h('button', { type: 'submit', id: 'delegate-button', class: 'secondary' }, 'Sign and delegate');
  const result = h('div', { id: 'stake-result', 'aria-live': 'polite' });
  const stakeForm = h('form', { class: 'stack', id: 'stake-form' },
    h('p', { class: 'hint' }, 'Staked OPEN earns interest from the staking rewards reserve and is voting power. Its role (general, validator, curator, contributor, provider) is what it backs and can be slashed for.'),
    field('Pool', pool), field('Role', purpose), field('Amount (OPEN)', amount), stakeButton);
  const delegateForm = h('form', { class: 'stack', id: 'delegate-form' },
    field('Delegate all your voting power to', to), delegateButton);
  const send = (build, label) => async (e) => {
    e.preventDefault();
    try {
      fill(result, outcome(await signAndSend(build(), result, { signal }), label));
      refresh();
    } catch (err) {
      if (err?.name !== 'AbortError') fill(result, failure(err));
    }
  };
  stakeForm.addEventListener('submit', send(() => messages.stake(Number(pool.value), purpose.value, parseOpen(amount.value)), 'Staked'));
  delegateForm.addEventListener('submit', send(() => messages.delegate(to.value.trim()), 'Delegated'));
  const sync = (w) => {
    stakeButton.disabled = !w;
    delegateButton.disabled = !w;
  };
  onWalletChange(sync, signal);
  sync(wallet());
  return h('div', {}, stakeForm, delegateForm, result,
    h('p', { class: 'hint' }, 'From the command line: ', h('code', {}, './openledger stake stake --pool ID --amount OPEN --from KEYNAME'), ', ', h('code', {}, './openledger stake delegate --to ADDRESS --from KEYNAME')));
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
    field('To', to), field('Amount (OPEN)', amount), field('Fee (OPEN)', fee, `At least ${status.minFee} OPEN; it goes to the treasury and the stakers.`),
    button, cli, result);
  const sync = (w) => {
    button.disabled = !w;
    button.title = w ? '' : 'Load a key first';
  };
  onWalletChange(sync, signal);
  sync(wallet());
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!wallet()) return;
    button.disabled = true;
    try {
      parseAddress(to.value);
      const sent = await signAndSend(messages.transfer(to.value.trim(), parseOpen(amount.value)), result, { signal, fee: parseOpen(fee.value) });
      fill(result, outcome(sent, `Sent ${open(formatNano(parseOpen(amount.value)))}`));
      if (sent.final.code === 'ok') result.querySelector('.tx-link').id = 'sent-tx';
    } catch (err) {
      if (err?.name !== 'AbortError') fill(result, failure(err));
    } finally {
      sync(wallet());
    }
  });
  return form;
}

const ROLES = [
  ['developer', 'As model developer', 'its share of the fees of every paid answer of the models it developed'],
  ['provider', 'As serving provider', 'its share of the fees of the answers its node served'],
  ['contributor', 'As data contributor', 'paid by the attribution of answers drawing on its data'],
  ['staking_interest', 'As staker', 'interest from the staking rewards reserve'],
];

// What an account earned since genesis by role, and the models it developed with their usage.
function roleEarnings(r) {
  const earned = ROLES.filter(([k]) => r.byKind[k] !== '0');
  return section('Earnings by role',
    earned.length === 0 && r.developed.length === 0
      ? h('p', { class: 'muted', id: 'role-earnings-none' }, 'Nothing earned yet.')
      : [
        facts([
          ['Earned in all', h('strong', { id: 'role-earnings-total' }, open(r.total))],
          ...earned.map(([k, label, hint]) => [label, h('span', { id: `role-earnings-${k}`, title: hint }, open(r.byKind[k]))]),
          ['As of block', groupDigits(r.height)],
        ]),
        r.developed.length === 0 ? null : h('div', { id: 'developed-models' }, table('Models developed', [
          { label: 'Model', cell: (m) => h('a', { href: `#/model/${encodeURIComponent(m.name)}/${m.version}` }, `${m.name} v${m.version}`) },
          { label: 'State', cell: (m) => m.state },
          { label: 'Paid answers', cell: (m) => groupDigits(m.inferences), class: 'num' },
          { label: 'Fees charged', cell: (m) => open(m.fees), class: 'num' },
        ], r.developed)),
        h('p', { class: 'hint' }, 'Every paid answer\'s fee is split by governance parameters between the model\'s developer, the serving provider, the stakers, the treasury and the data contributors. Answers and fees are counted per model name, over all its versions.'),
      ]);
}
