// One model (#/model/NAME[/VERSION]): its lineage as a diagram (base → datanet versions → adapter), its
// state and the history of its state changes on chain, and its evaluation: held-out perplexity of the base
// and of the adapter per datanet and, for a model this node trained, sample generations side by side.
// APIs: GET /api/models/{name}, GET /api/factory/models/{name}, GET /api/factory/models/{name}/evaluation,
// GET /api/datanets/{id}; the lists /api/models and /api/factory/models say which of these exist.
import { getJson, getJsonOrNull } from '../api.js';
import { groupedBarChart } from '../charts.js';
import { facts, fill, h, notice, pageTitle, section, table } from '../dom.js';
import { badge, groupDigits, mono, open, short, shortAddress } from '../format.js';
import { lineageDiagram } from '../lineage.js';
import { MODEL_STATE_KIND } from './models.js';

export async function render(root, { args, signal }) {
  const name = args[0] ?? '';
  const path = encodeURIComponent(name);
  // the lists first: asking for a model one of them does not hold would answer 404, an error in the console
  const [registry, catalog] = await Promise.all([getJson('/api/models', { signal }), getJsonOrNull('/api/factory/models', { signal })]);
  const chainHas = registry.models.some((m) => m.name === name);
  const trainedHere = (catalog ?? []).some((m) => m.registration.name === name);
  const [chain, trained] = await Promise.all([chainHas ? getJson(`/api/models/${path}`, { signal }) : null, trainedHere ? getJson(`/api/factory/models/${path}`, { signal }) : null]);
  if (!chain && !trained) {
    fill(root, pageTitle('Model'), notice('error', `No model "${name}" is registered on this chain or was trained on this node.`), h('a', { href: '#/models' }, 'All models'));
    return;
  }
  const versions = [...new Set([...(chain ?? []).map((m) => m.version), ...(trained ?? []).map((m) => m.registration.version)])].sort((a, b) => a - b);
  const version = args[1] ? Number(args[1]) : versions[versions.length - 1];
  const onChain = chain?.find((m) => m.version === version) ?? null;
  const here = trained?.find((m) => m.registration.version === version) ?? null;
  if (!onChain && !here) {
    fill(root, pageTitle(name), notice('error', `${name} has no version ${args[1]}.`));
    return;
  }
  const model = onChain ?? await fromRegistration(here.registration, signal);
  const evaluation = here ? await getJsonOrNull(`/api/factory/models/${path}/evaluation?version=${version}`, { signal }) : null;
  fill(root,
    pageTitle(`${name} v${version}`, onChain ? null : 'Fine-tuned on this node; not registered on chain yet.'),
    versions.length > 1 ? h('nav', { class: 'pager', 'aria-label': 'Versions' }, versions.map((v) => (v === version ? h('strong', {}, `v${v}`) : h('a', { href: `#/model/${path}/${v}` }, `v${v}`)))) : null,
    onChain ? facts([
      ['State', h('span', { id: 'model-state' }, badge(onChain.state.toLowerCase(), MODEL_STATE_KIND[onChain.state]))],
      ['Developer', h('a', { href: `#/account/${onChain.developer}` }, onChain.developer)],
      ['Price per 1,000 tokens', onChain.effectivePrice === onChain.pricePer1kTokens ? open(onChain.effectivePrice) : `${open(onChain.effectivePrice)} (set to ${open(onChain.pricePer1kTokens)}, limited by governance)`],
      ['Registration', mono(onChain.registration)],
      ['Artifacts', mono(onChain.artifacts)],
      ['Training settings', mono(onChain.config)],
      here ? ['Trained by', h('a', { href: `#/job/${here.jobId}` }, `job ${here.jobId} on this node`)] : null,
    ]) : facts([
      ['Developer', h('a', { href: `#/account/${here.registration.developer}` }, here.registration.developer)],
      ['Trained by', h('a', { href: `#/job/${here.jobId}` }, `job ${here.jobId} on this node`)],
      ['Register it', h('code', {}, './openledger model register --artifacts DIR --from KEYNAME')],
    ]),
    section('Lineage', h('div', { id: 'lineage' }, lineageDiagram(model)), lineageTable(model)),
    onChain ? section('State history', historyList(onChain.history)) : null,
    section('Evaluation', h('div', { id: 'evaluation' }, evaluationView(model, evaluation))));
}

/** A lineage in the chain's shape built from a ModelFactory registration, with the datanets' names. */
async function fromRegistration(r, signal) {
  const names = await Promise.all(r.datanets.map((d) => getJsonOrNull(`/api/datanets/${d.datanetId}`, { signal })));
  return {
    name: r.name, version: r.version, baseModel: r.baseModel, adapter: r.adapter,
    lineage: r.datanets.map((d, i) => ({
      ref: d, datanetName: names[i]?.name ?? short(d.datanetId, 10), owner: names[i]?.owner ?? null, rows: null, contributions: null, publishedHeight: null,
      metric: r.metrics.find((m) => m.datanetId === d.datanetId && m.version === d.version) ?? null,
    })),
  };
}

function lineageTable(model) {
  return table(`Datanet versions ${model.name} v${model.version} was trained on`, [
    { label: 'Datanet', cell: (s) => h('a', { href: `#/datanet/${s.ref.datanetId}` }, `${s.datanetName} v${s.ref.version}`) },
    { label: 'Owner', cell: (s) => (s.owner ? h('a', { href: `#/account/${s.owner}` }, shortAddress(s.owner)) : '') },
    { label: 'Rows', cell: (s) => (s.rows === null ? '' : groupDigits(s.rows)), class: 'num' },
    { label: 'Contributions', cell: (s) => (s.contributions === null ? '' : String(s.contributions)), class: 'num' },
    { label: 'Root', cell: (s) => mono(s.ref.root) },
    { label: 'Published in block', cell: (s) => (s.publishedHeight === null ? '' : groupDigits(s.publishedHeight)), class: 'num' },
  ], model.lineage);
}

function historyList(history) {
  return h('ol', { class: 'timeline', id: 'model-history' }, history.map((t) => h('li', {},
    badge(t.to.toLowerCase(), MODEL_STATE_KIND[t.to]), ` in block ${groupDigits(t.height)} by `,
    h('a', { href: `#/account/${t.by}` }, shortAddress(t.by)), t.note ? ` — ${t.note}` : '')));
}

/** Perplexity per datanet from the stored report (with samples), or from the chain's metrics. */
function evaluationView(model, report) {
  const names = new Map(model.lineage.map((s) => [`${s.ref.datanetId}@${s.ref.version}`, `${s.datanetName} v${s.ref.version}`]));
  const label = (id, v) => names.get(`${id}@${v}`) ?? `${short(id, 8)} v${v}`;
  const rows = report
    ? report.datanets.map((d) => ({ label: label(d.datanetId, d.version), base: d.scores.basePerplexity, adapter: d.scores.adapterPerplexity, tokens: d.scores.tokens, reduction: d.scores.perplexityReductionPercent }))
    : model.lineage.filter((s) => s.metric).map((s) => {
      const m = s.metric;
      const base = m.basePerplexityMilli / 1000;
      const adapter = m.adapterPerplexityMilli / 1000;
      return { label: label(m.datanetId, m.version), base, adapter, tokens: m.tokens, reduction: (100 * (base - adapter)) / base };
    });
  if (!rows.length) return h('p', { class: 'muted' }, 'No evaluation recorded.');
  return [
    h('p', {}, report ? report.method : 'Held-out perplexity recorded on chain at registration (the full report is kept by the node that trained the model).'),
    groupedBarChart({
      title: 'Held-out perplexity, base model and adapter',
      description: rows.map((r) => `${r.label}: base ${r.base.toFixed(2)}, adapter ${r.adapter.toFixed(2)}`).join('; '),
      groups: rows.map((r) => ({ label: r.label, values: [r.base, r.adapter] })),
      series: ['base model', 'with adapter'],
      xLabel: 'datanet', yLabel: 'perplexity', yFormat: (v) => (v >= 100 ? String(Math.round(v)) : v.toFixed(2)),
    }),
    table('Perplexity per datanet (lower is better)', [
      { label: 'Datanet', cell: (r) => r.label },
      { label: 'Tokens', cell: (r) => groupDigits(r.tokens), class: 'num' },
      { label: 'Base', cell: (r) => r.base.toFixed(2), class: 'num' },
      { label: 'Adapter', cell: (r) => r.adapter.toFixed(2), class: 'num' },
      { label: 'Change', cell: (r) => `${r.reduction >= 0 ? '−' : '+'}${Math.abs(r.reduction).toFixed(1)}%`, class: 'num' },
    ], rows),
    report?.samples?.length ? h('div', {}, h('h3', {}, 'Sample generations'),
      h('p', { class: 'hint' }, 'Each held-out row\'s first tokens, continued greedily by the base model and by the adapted model.'),
      table('Base and adapter continuations of held-out rows', [
        { label: 'Prompt', cell: (x) => h('span', { class: 'sample' }, x.prompt) },
        { label: 'Base model', cell: (x) => h('span', { class: 'sample' }, x.base) },
        { label: 'With adapter', cell: (x) => h('span', { class: 'sample' }, x.adapter) },
      ], report.samples)) : null,
  ];
}
