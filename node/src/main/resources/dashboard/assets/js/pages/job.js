// One fine-tuning job (#/job/ID), live: its state and phase, a progress bar (step, epoch, loss, tokens per
// second, time left) and the loss curve, which grows as the node streams progress events; when the job ends,
// the curve is read again as the node stored it, with a link to the model it made.
// APIs: GET /api/jobs/{id}, GET /api/jobs/{id}/loss, GET /api/jobs/{id}/events (server-sent events),
// POST /api/jobs/{id}/cancel.
import { ApiError, getJson, getJsonOrNull, postJson } from '../api.js';
import { lineChart } from '../charts.js';
import { facts, fill, h, notice, pageTitle, section } from '../dom.js';
import { badge, localMillis, shortAddress } from '../format.js';
import { sseEvents } from '../sse.js';
import { JOB_STATE_KIND, jobSettings } from './models.js';

const FINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);
const REDRAW_MS = 400;

export async function render(root, { args, signal }) {
  const id = Number(args[0]);
  const view = Number.isSafeInteger(id) && id >= 0 ? await getJsonOrNull(`/api/jobs/${id}`, { signal }) : null;
  if (!view) {
    fill(root, pageTitle('Training job'), notice('error', `This node has no job ${args[0] ?? ''}.`), h('a', { href: '#/models' }, 'All models and jobs'));
    return;
  }
  const job = view.job;
  const state = h('div', { id: 'job-state', 'aria-live': 'polite' });
  const progress = h('div', { id: 'job-progress' });
  const curve = h('div', { id: 'loss-curve' });
  const outcomeBox = h('div', { id: 'job-outcome', 'aria-live': 'polite' });
  const cancel = h('button', { type: 'button', class: 'secondary', id: 'job-cancel' }, 'Cancel this job');
  fill(root,
    pageTitle(`Training job ${job.id}: ${job.spec.name}`, 'Fine-tuning a LoRA adapter on datanet versions. The progress and the loss curve follow the node as it trains.'),
    facts([
      ['Developer', h('a', { href: `#/account/${job.spec.developer}` }, shortAddress(job.spec.developer))],
      ['Submitted', localMillis(job.createdAtMillis)],
    ]),
    section('Progress', state, progress, outcomeBox, FINAL.has(job.state) ? null : cancel),
    section('Loss', curve),
    section('Settings', jobSettings(job.spec)));

  const live = { state: job.state, phase: null, last: view.progress, points: (await getJson(`/api/jobs/${id}/loss`, { signal })).map((p) => ({ x: p.step, y: p.loss })), events: 0 };
  const drawState = () => fill(state, h('p', {}, 'State: ', badge(live.state.toLowerCase(), JOB_STATE_KIND[live.state]),
    live.phase && !FINAL.has(live.state) ? ` · ${live.phase}` : ''));
  let pending = null;
  const drawCurve = () => {
    pending = null;
    drawProgress(progress, live);
    fill(curve, live.points.length > 1 ? lineChart({
      title: `Training loss of ${job.spec.name}`,
      description: `Mean token loss (nats) at each optimizer step; ${live.points.length} steps so far.`,
      series: [{ name: 'loss', points: live.points }],
      xLabel: 'step', yLabel: 'loss', xFormat: (v) => String(Math.round(v)), yFormat: (v) => v.toFixed(3), yFromZero: false,
    }) : h('p', { class: 'muted' }, 'No training step yet.'));
    curve.dataset.points = String(live.points.length);
    curve.dataset.events = String(live.events);
  };
  const later = () => {
    pending ??= setTimeout(drawCurve, REDRAW_MS);
  };
  signal.addEventListener('abort', () => clearTimeout(pending), { once: true });
  cancel.addEventListener('click', async () => {
    try {
      await postJson(`/api/jobs/${id}/cancel`, {}, { signal });
      fill(outcomeBox, notice('info', 'Cancel requested: the job stops at its next step.'));
    } catch (e) {
      fill(outcomeBox, notice('error', `Not cancelled: ${e.message}`));
    }
  });
  drawState();
  drawCurve();
  if (FINAL.has(job.state)) {
    showOutcome(outcomeBox, job);
    return;
  }
  follow(id, live, { drawState, later }, signal).then(async () => {
    clearTimeout(pending);
    const [end, loss] = await Promise.all([getJson(`/api/jobs/${id}`, { signal }), getJson(`/api/jobs/${id}/loss`, { signal })]);
    live.state = end.job.state;
    live.points = loss.map((p) => ({ x: p.step, y: p.loss }));
    cancel.remove();
    drawState();
    drawCurve();
    showOutcome(outcomeBox, end.job);
  }).catch((e) => {
    if (e?.name !== 'AbortError') fill(outcomeBox, notice('error', `Lost the node's progress stream: ${e.message}. Reload to follow the job again.`));
  });
}

/** Reads the job's events until it ends: state first, then phases and one progress event per step. */
async function follow(id, live, { drawState, later }, signal) {
  const res = await fetch(`/api/jobs/${id}/events`, { signal, headers: { Accept: 'text/event-stream' } });
  if (!res.ok) throw new ApiError(res.status, `http_${res.status}`, res.statusText);
  for await (const { event, data } of sseEvents(res.body)) {
    const e = JSON.parse(data);
    if (event === 'error') throw new ApiError(404, e.code, e.message);
    if (event === 'state') {
      live.state = e.state;
      drawState();
      if (FINAL.has(e.state)) return;
    } else if (event === 'phase') {
      live.phase = e.resumedFromStep ? `${e.phase} (resumed from step ${e.resumedFromStep})` : e.phase;
      drawState();
    } else if (event === 'progress') {
      live.events++;
      live.last = e;
      live.points = live.points.filter((p) => p.x < e.step).concat({ x: e.step, y: e.loss });
      later();
    }
  }
}

function drawProgress(el, live) {
  const p = live.last;
  if (!p) {
    fill(el, h('p', { class: 'muted' }, FINAL.has(live.state) ? '' : 'Waiting for the first training step…'));
    return;
  }
  const eta = p.etaSeconds >= 0 ? `${Math.floor(p.etaSeconds / 60)}:${String(p.etaSeconds % 60).padStart(2, '0')} left` : 'time left not known yet';
  fill(el,
    h('label', { for: 'job-bar' }, `Step ${p.step} of ${p.totalSteps}`),
    h('progress', { id: 'job-bar', max: p.totalSteps, value: p.step }, `${p.step} of ${p.totalSteps}`),
    h('p', { id: 'job-figures', class: 'small' }, `epoch ${p.epoch.toFixed(2)} of ${p.epochs} · loss ${p.loss.toFixed(3)} · learning rate ${p.learningRate.toExponential(2)} · ${Math.round(p.tokensPerSecond).toLocaleString()} tokens/s · ${eta}`));
}

function showOutcome(el, job) {
  if (job.state === 'SUCCEEDED' && job.result) {
    fill(el, notice('ok', `Done: ${job.result.evaluation}. `,
      h('a', { href: `#/model/${encodeURIComponent(job.result.model)}/${job.result.version}`, id: 'job-model-link' }, `See ${job.result.model} v${job.result.version}.`)));
  } else if (job.failure) {
    fill(el, notice('error', `The job ${job.state.toLowerCase()}: ${job.failure.code}: ${job.failure.message}`));
  } else {
    fill(el, notice('info', `The job ${job.state.toLowerCase()}.`));
  }
}
