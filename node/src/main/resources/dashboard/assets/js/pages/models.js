// Models: the chain's model registry (each version's state, developer, price and the datanets it was trained
// on), this node's fine-tuning jobs, and a form to start one. APIs: GET /api/models, GET /api/jobs,
// POST /api/jobs, GET /api/datanets, GET /api/factory/models.
import { ApiError, getJson, getJsonOrNull, postJson, watch } from '../api.js';
import { facts, field, fill, h, notice, pageTitle, section, table } from '../dom.js';
import { badge, localMillis, mono, open, short, shortAddress } from '../format.js';
import { onWalletChange, wallet } from '../wallet.js';

export const MODEL_STATE_KIND = { REGISTERED: 'info', PROPOSED: 'info', APPROVED: 'ok', REJECTED: 'bad', RETIRED: 'neutral' };
export const JOB_STATE_KIND = { QUEUED: 'info', RUNNING: 'info', SUCCEEDED: 'ok', FAILED: 'bad', CANCELLED: 'neutral' };

export async function render(root, { signal }) {
  const registry = h('div', { id: 'model-registry' });
  const jobsBox = h('div', { id: 'jobs' });
  const problem = h('div');
  const jobsServed = (await getJsonOrNull('/api/jobs', { signal })) !== null;
  const { params } = await getJson('/api/models', { signal });
  fill(root,
    pageTitle('Models', 'Fine-tuned models registered on chain with their lineage: the base model, the datanet versions they were trained on, and the adapter. Governance approves a model before it is served; each answer it gives pays its developer and the contributors of its data.'),
    problem,
    section('Registry', registry,
      h('p', { class: 'hint' }, `Registering costs ${open(params.registerFee)}. Prices per 1,000 generated tokens lie between ${open(params.minInferencePrice)} and ${open(params.maxInferencePrice)}${params.autoApprove ? '; on this chain a proposed model is approved at once (parameter autoApprove)' : '; a proposed model waits for a governance vote'}.`)),
    jobsServed ? section('Training jobs on this node', jobsBox) : null,
    jobsServed ? section('Fine-tune a model', await fineTuneForm(signal)) : null);
  const onError = (e) => fill(problem, notice('error', `Could not reach the node: ${e.message}. Retrying.`));
  watch(3000, async () => ({ chain: (await getJson('/api/models', { signal })).models, trained: jobsServed ? await getJson('/api/factory/models', { signal }) : [] }),
    ({ chain, trained }) => fill(registry, registryTable(chain), trainedHere(chain, trained)), signal, onError);
  if (jobsServed) watch(2000, () => getJson('/api/jobs', { signal }), (jobs) => fill(jobsBox, jobsTable(jobs)), signal, onError);
}

function registryTable(models) {
  return table('Model versions on chain', [
    { label: 'Model', cell: (m) => h('a', { href: `#/model/${encodeURIComponent(m.name)}/${m.version}`, class: 'model-link' }, `${m.name} v${m.version}`) },
    { label: 'State', cell: (m) => badge(m.state.toLowerCase(), MODEL_STATE_KIND[m.state]) },
    { label: 'Trained on', cell: (m) => m.lineage.map((s, i) => [i ? ', ' : '', h('a', { href: `#/datanet/${s.ref.datanetId}` }, `${s.datanetName} v${s.ref.version}`)]) },
    { label: 'Developer', cell: (m) => h('a', { href: `#/account/${m.developer}` }, shortAddress(m.developer)) },
    { label: 'Price per 1k tokens', cell: (m) => open(m.effectivePrice) },
    { label: 'Adapter', cell: (m) => mono(m.adapter) },
  ], models, { empty: 'No model registered yet.' });
}

/** Models this node fine-tuned that the chain does not hold yet. */
function trainedHere(chain, trained) {
  const onChain = new Set(chain.map((m) => `${m.name}@${m.version}`));
  const missing = trained.filter((t) => !onChain.has(`${t.registration.name}@${t.registration.version}`));
  if (!missing.length) return null;
  return h('div', {},
    h('h3', {}, 'Fine-tuned here, not registered on chain'),
    table('Models this node trained that are not registered', [
      { label: 'Model', cell: (t) => `${t.registration.name} v${t.registration.version}` },
      { label: 'Developer', cell: (t) => shortAddress(t.registration.developer) },
      { label: 'Evaluation', cell: (t) => t.evaluation },
      { label: 'Job', cell: (t) => h('a', { href: `#/job/${t.jobId}` }, `job ${t.jobId}`) },
    ], missing),
    h('p', { class: 'hint' }, 'The developer registers one with ', h('code', {}, './openledger model register --artifacts DIR --from KEYNAME'), ' (the directory is shown by ', h('code', {}, './openledger model artifacts NAME'), ').'));
}

function jobsTable(jobs) {
  return table('Fine-tuning jobs, newest first', [
    { label: 'Job', cell: (j) => h('a', { href: `#/job/${j.id}`, class: 'job-link' }, `job ${j.id}`) },
    { label: 'Model', cell: (j) => j.spec.name },
    { label: 'State', cell: (j) => badge(j.state.toLowerCase(), JOB_STATE_KIND[j.state]) },
    { label: 'Datanets', cell: (j) => j.spec.datanets.map((d) => `${short(d.datanetId, 8)}@${d.version}`).join(', ') },
    { label: 'Developer', cell: (j) => shortAddress(j.spec.developer) },
    { label: 'Started', cell: (j) => localMillis(j.createdAtMillis) },
    { label: 'Result', cell: (j) => j.result?.evaluation ?? j.failure?.message ?? '' },
  ], [...jobs].reverse(), { empty: 'No job yet.' });
}

/** The fine-tuning form: the datanets with a published version to pick from, the bases used before to reuse. */
async function fineTuneForm(signal) {
  const [{ datanets }, jobs] = await Promise.all([getJson('/api/datanets', { signal }), getJson('/api/jobs', { signal })]);
  const published = datanets.filter((d) => d.counts.latestVersion > 0);
  const bases = [...new Set(jobs.map((j) => j.spec.baseModel))];
  const name = h('input', { type: 'text', id: 'ft-name', required: true, pattern: '[a-z0-9][a-z0-9._\\-]{0,63}', placeholder: 'press-lora', autocomplete: 'off' });
  const developer = h('input', { type: 'text', id: 'ft-developer', required: true, spellcheck: 'false', placeholder: 'ol1…', value: wallet()?.address ?? '' });
  const base = h('input', { type: 'text', id: 'ft-base', required: true, spellcheck: 'false', list: 'ft-bases', value: bases[bases.length - 1] ?? '' });
  const baseList = h('datalist', { id: 'ft-bases' }, bases.map((b) => h('option', { value: b })));
  const boxes = published.map((d) => h('label', { class: 'check' },
    h('input', { type: 'checkbox', name: 'ft-datanet', value: `${d.id}@${d.counts.latestVersion}` }), ` ${d.name} v${d.counts.latestVersion}`));
  const number = (id, value, min, max, step = 1) => h('input', { type: 'number', id, value, min, max, step, required: true });
  const epochs = number('ft-epochs', 1, 1, 1000);
  const rank = number('ft-rank', 8, 1, 4096);
  const lr = number('ft-lr', 0.005, 0.00001, 1, 'any');
  const batch = number('ft-batch', 4, 1, 4096);
  const seqLen = number('ft-seq-len', 32, 2, 65536);
  const result = h('div', { id: 'ft-result', 'aria-live': 'polite' });
  onWalletChange((w) => {
    if (w && !developer.value) developer.value = w.address;
  }, signal);
  const form = h('form', { class: 'stack', id: 'finetune-form' },
    h('p', { class: 'hint' }, 'The node fine-tunes a LoRA adapter on the chosen datanet versions, evaluates it against the base model on held-out rows, and keeps the artifacts. The developer must have access to each datanet; access is checked on chain.'),
    field('Model name', name, 'Lower-case letters, digits, ".", "_" and "-".'),
    field('Developer', developer, 'The account that will register and own the model (yours when a key is loaded).'),
    field('Base model', base, 'The content hash of a base this node has imported, or a model directory on the node.'), baseList,
    h('fieldset', { class: 'checks' }, h('legend', {}, 'Datanet versions'),
      boxes.length ? boxes : h('p', { class: 'muted' }, 'No datanet has a published version yet.')),
    h('div', { class: 'field-row' }, field('Epochs', epochs), field('LoRA rank', rank), field('Learning rate', lr), field('Batch size', batch), field('Sequence length', seqLen)),
    h('button', { type: 'submit', id: 'ft-submit' }, 'Start fine-tuning'), result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const chosen = [...form.querySelectorAll('input[name=ft-datanet]:checked')].map((c) => c.value);
    if (!chosen.length) {
      fill(result, notice('error', 'Choose at least one datanet version.'));
      return;
    }
    try {
      const res = await postJson('/api/jobs', {
        name: name.value.trim(), developer: developer.value.trim(), base: base.value.trim(), datanets: chosen,
        epochs: Number(epochs.value), rank: Number(rank.value), learningRate: Number(lr.value), batchSize: Number(batch.value), seqLen: Number(seqLen.value),
      }, { signal });
      const job = await res.json();
      location.hash = `#/job/${job.id}`;
    } catch (err) {
      if (err?.name === 'AbortError') return;
      const lines = err instanceof ApiError ? err.message.split('\n') : [err.message];
      fill(result, notice('error', 'The node refused the request:', h('ul', {}, lines.map((l) => h('li', {}, l)))));
    }
  });
  return form;
}

/** Facts shared by the model and job pages: a job's settings. */
export function jobSettings(spec) {
  return facts([
    ['Base model', mono(spec.baseModel, short(spec.baseModel, 16))],
    ['Datanets', h('span', {}, spec.datanets.map((d, i) => [i ? ', ' : '', h('a', { href: `#/datanet/${d.datanetId}` }, `${short(d.datanetId, 10)} v${d.version}`)]))],
    ['LoRA', `rank ${spec.lora.rank}, alpha ${spec.lora.alpha}, dropout ${spec.lora.dropout}, on ${spec.lora.targets.join(', ').toLowerCase()}`],
    ['Optimisation', `${spec.optimization.epochs} epoch(s), batch ${spec.optimization.batchSize} × ${spec.optimization.gradAccum}, learning rate ${spec.optimization.learningRate}, sequence length ${spec.optimization.seqLen}`],
    ['Held out for evaluation', `${Math.round(spec.evalFraction * 100)}% of each datanet's rows (seed ${spec.seed})`],
  ]);
}
