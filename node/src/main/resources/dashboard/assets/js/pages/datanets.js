// Datanets: every datanet on the chain with its counts, and the module's fees and limits.
// API: GET /api/datanets.
import { getJson } from '../api.js';
import { facts, fill, h, pageTitle, section, table } from '../dom.js';
import { groupDigits, open, percentBps, shortAddress } from '../format.js';

export async function render(root, { signal }) {
  const { params, datanets } = await getJson('/api/datanets', { signal });
  fill(root,
    pageTitle('Datanets', 'A datanet is a shared data set with an owner, rules for who may contribute and how contributions are reviewed, and published versions that models are trained on. Each contribution is recorded on chain with its contributor, so the people whose data made a model can be paid when it is used.'),
    section('All datanets', table('Datanets on this chain', [
      { label: 'Name', cell: (d) => h('a', { href: `#/datanet/${d.id}`, class: 'datanet-link' }, d.name) },
      { label: 'About', cell: (d) => d.summary },
      { label: 'Owner', cell: (d) => h('a', { href: `#/account/${d.owner}` }, shortAddress(d.owner)) },
      { label: 'Contributions', cell: (d) => `${d.counts.accepted} accepted, ${d.counts.pending} pending, ${d.counts.rejected} rejected` },
      { label: 'Rows accepted', cell: (d) => groupDigits(d.counts.rowsAccepted), class: 'num' },
      { label: 'Latest version', cell: (d) => (d.counts.latestVersion ? `v${d.counts.latestVersion}` : 'none yet'), class: 'num' },
      { label: 'Review', cell: (d) => reviewPolicy(d.policy) },
      { label: 'Training access', cell: (d) => accessTerms(d.access) },
    ], datanets, { empty: 'No datanet yet: create one with "./openledger datanet create".' })),
    section('Rules for every datanet', facts([
      ['Creating a datanet', `${open(params.fees.createBase)} + ${open(params.fees.createPerKib)} per KiB of its metadata`],
      ['Publishing a version', `${open(params.fees.versionBase)} + ${open(params.fees.versionPerMib)} per MiB of the data it covers (the owner pays)`],
      ['Access fees', `the treasury keeps ${percentBps(params.fees.accessTreasuryBps)}, the owner the rest`],
      ['Largest file', bytes(params.limits.maxFileBytes)],
      ['Per account per day', `${params.limits.maxUserFilesPerDay} files, ${bytes(params.limits.maxUserBytesPerDay)} (all datanets)`],
      ['Per datanet per day', bytes(params.limits.maxDatanetBytesPerDay)],
    ])));
}

export function reviewPolicy(p) {
  const who = p.admission === 'OPEN' ? 'anyone contributes' : 'allow-listed contributors';
  const review = p.review === 'AUTOMATIC' ? `automatic at score ≥ ${(p.autoApproveMinScorePpm / 1e6).toFixed(2)}, else curators` : 'owner or curators review';
  return `${who}; ${review}${p.stake !== '0' ? `; stake ${open(p.stake)}` : ''}`;
}

export function accessTerms(a) {
  if (a.mode === 'OPEN') return 'open';
  if (a.mode === 'GRANT') return 'granted by the owner';
  return `fee ${open(a.fee)}`;
}

export function bytes(n) {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${Number((n / 1024).toFixed(1))} KiB`;
  return `${Number((n / 1024 / 1024).toFixed(1))} MiB`;
}
