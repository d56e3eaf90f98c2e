// Charts as inline SVG, drawn here (no library): line charts, bar charts and a share bar. Each chart is a
// <figure> holding the picture (role="img" with a title and a description) and the same numbers as a
// table under "Show the numbers", so the data is readable without seeing the picture.
import { h, table } from './dom.js';

const NS = 'http://www.w3.org/2000/svg';
const W = 480;
const H = 220;
const PAD = { left: 56, right: 14, top: 12, bottom: 34 };
let chartSeq = 0;

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/** About count "nice" tick values (1, 2 or 5 × 10^k apart) covering [min, max]. */
export function niceTicks(min, max, count = 5) {
  if (!(max > min)) {
    const v = Number.isFinite(min) ? min : 0;
    return v === 0 ? [0, 1] : [Math.min(0, v), Math.max(0, v)];
  }
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((st) => raw <= st);
  const ticks = [];
  for (let v = Math.floor(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  if (ticks[ticks.length - 1] < max) ticks.push(Number((ticks[ticks.length - 1] + step).toPrecision(12)));
  return ticks;
}

const plain = (v) => (Math.abs(v) >= 1e6 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : String(Number(v.toPrecision(6))));

function frame(title, description, svgChildren, extra) {
  const id = `chart${++chartSeq}`;
  const svg = s(
    'svg',
    { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': `${id}-t ${id}-d`, class: 'chart-svg', preserveAspectRatio: 'xMidYMid meet' },
    s('title', { id: `${id}-t` }, title),
    s('desc', { id: `${id}-d` }, description),
    svgChildren,
  );
  return h('figure', { class: 'chart' }, h('figcaption', {}, title), svg, extra);
}

function axes(xTicks, yTicks, x, y, xFormat, yFormat, xLabel, yLabel) {
  return [
    yTicks.map((t) => [
      s('line', { x1: PAD.left, x2: W - PAD.right, y1: y(t), y2: y(t), class: 'grid' }),
      s('text', { x: PAD.left - 6, y: y(t), class: 'tick', 'text-anchor': 'end', 'dominant-baseline': 'middle' }, yFormat(t)),
    ]),
    xTicks.map((t) => s('text', { x: x(t), y: H - PAD.bottom + 16, class: 'tick', 'text-anchor': 'middle' }, xFormat(t))),
    s('line', { x1: PAD.left, x2: W - PAD.right, y1: H - PAD.bottom, y2: H - PAD.bottom, class: 'axis' }),
    xLabel ? s('text', { x: (PAD.left + W - PAD.right) / 2, y: H - 2, class: 'axis-label', 'text-anchor': 'middle' }, xLabel) : null,
    yLabel ? s('text', { x: 12, y: PAD.top + (H - PAD.top - PAD.bottom) / 2, class: 'axis-label', 'text-anchor': 'middle', transform: `rotate(-90 12 ${PAD.top + (H - PAD.top - PAD.bottom) / 2})` }, yLabel) : null,
  ];
}

function legend(names) {
  return names.length < 2
    ? null
    : h('ul', { class: 'legend' }, names.map((n, i) => h('li', {}, h('span', { class: `swatch series-${i % 8}`, 'aria-hidden': 'true' }), n)));
}

/**
 * A line chart. series: [{ name, points: [{ x, y }] }] with numeric x and y.
 * Options: xLabel, yLabel, xFormat, yFormat, yFromZero (default true).
 */
export function lineChart({ title, description, series, xLabel, yLabel, xFormat = plain, yFormat = plain, yFromZero = true }) {
  const all = series.flatMap((se) => se.points);
  const xs = all.map((p) => p.x);
  const ys = all.map((p) => p.y);
  const xTicks = niceTicks(Math.min(...xs), Math.max(...xs), 6);
  const yTicks = niceTicks(yFromZero ? Math.min(0, ...ys) : Math.min(...ys), Math.max(...ys), 4);
  const [x0, x1, y0, y1] = [xTicks[0], xTicks[xTicks.length - 1], yTicks[0], yTicks[yTicks.length - 1]];
  const x = (v) => PAD.left + ((v - x0) / (x1 - x0 || 1)) * (W - PAD.left - PAD.right);
  const y = (v) => H - PAD.bottom - ((v - y0) / (y1 - y0 || 1)) * (H - PAD.top - PAD.bottom);
  const lines = series.map((se, i) => {
    const d = se.points.map((p, j) => `${j ? 'L' : 'M'}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`).join('');
    const dots = se.points.length <= 60
      ? se.points.map((p) => s('circle', { cx: x(p.x), cy: y(p.y), r: 3, class: `dot series-${i % 8}` }, s('title', {}, `${se.name}: ${xFormat(p.x)} → ${yFormat(p.y)}`)))
      : null;
    return s('g', { class: `series series-${i % 8}` }, s('path', { d, class: 'line' }), dots);
  });
  const numbers = h(
    'details',
    {},
    h('summary', {}, 'Show the numbers'),
    table(title, [{ label: xLabel ?? 'x', cell: (r) => xFormat(r.x) }, { label: 'series', cell: (r) => r.name }, { label: yLabel ?? 'y', cell: (r) => yFormat(r.y) }],
      series.flatMap((se) => se.points.map((p) => ({ ...p, name: se.name })))),
  );
  return frame(title, description, [axes(xTicks, yTicks, x, y, xFormat, yFormat, xLabel, yLabel), lines], [legend(series.map((se) => se.name)), numbers]);
}

/** A bar chart. bars: [{ label, value }] in order; yFormat formats values. */
export function barChart({ title, description, bars, xLabel, yLabel, yFormat = plain }) {
  const yTicks = niceTicks(0, Math.max(0, ...bars.map((b) => b.value)), 4);
  const y1 = yTicks[yTicks.length - 1];
  const y = (v) => H - PAD.bottom - (v / (y1 || 1)) * (H - PAD.top - PAD.bottom);
  const slot = (W - PAD.left - PAD.right) / Math.max(1, bars.length);
  const labelEvery = Math.ceil(bars.length / 10);
  const rects = bars.map((b, i) =>
    s('rect', { x: PAD.left + i * slot + slot * 0.15, y: y(b.value), width: slot * 0.7, height: Math.max(0, y(0) - y(b.value)), class: 'bar series-0' },
      s('title', {}, `${b.label}: ${yFormat(b.value)}`)));
  const labels = bars.map((b, i) => (i % labelEvery === 0
    ? s('text', { x: PAD.left + (i + 0.5) * slot, y: H - PAD.bottom + 16, class: 'tick', 'text-anchor': 'middle' }, b.label)
    : null));
  const grid = axes([], yTicks, () => 0, y, plain, yFormat, xLabel, yLabel);
  const numbers = h('details', {}, h('summary', {}, 'Show the numbers'),
    table(title, [{ label: xLabel ?? '', cell: (r) => r.label }, { label: yLabel ?? 'value', cell: (r) => yFormat(r.value) }], bars));
  return frame(title, description, [grid, rects, labels], numbers);
}

/** One horizontal bar split into shares of a whole. parts: [{ label, value (Number), text }]. */
export function shareBar({ title, description, parts }) {
  const total = parts.reduce((n, p) => n + p.value, 0) || 1;
  let at = 0;
  const BAR_H = 40;
  const segs = parts.map((p, i) => {
    const w = (p.value / total) * W;
    const r = s('rect', { x: at, y: 0, width: Math.max(0, w), height: BAR_H, class: `share series-${i % 8}` },
      s('title', {}, `${p.label}: ${p.text} (${((100 * p.value) / total).toFixed(2)}%)`));
    at += w;
    return r;
  });
  const id = `chart${++chartSeq}`;
  const svg = s('svg', { viewBox: `0 0 ${W} ${BAR_H}`, role: 'img', 'aria-labelledby': `${id}-t ${id}-d`, class: 'chart-svg share-svg', preserveAspectRatio: 'none' },
    s('title', { id: `${id}-t` }, title), s('desc', { id: `${id}-d` }, description), segs);
  const list = h('ul', { class: 'legend legend-shares' }, parts.map((p, i) => h('li', {},
    h('span', { class: `swatch series-${i % 8}`, 'aria-hidden': 'true' }),
    h('span', { class: 'legend-label' }, p.label), ' ',
    h('span', { class: 'legend-value' }, `${p.text} · ${((100 * p.value) / total).toFixed(2)}%`))));
  return h('figure', { class: 'chart' }, h('figcaption', {}, title), svg, list);
}

/**
 * Bars in groups, one bar per series in each group (e.g. base and adapter perplexity per datanet).
 * groups: [{ label, values: [Number per series] }]; series: the series' names.
 */
export function groupedBarChart({ title, description, groups, series, xLabel, yLabel, yFormat = plain }) {
  const yTicks = niceTicks(0, Math.max(0, ...groups.flatMap((g) => g.values)), 4);
  const y1 = yTicks[yTicks.length - 1];
  const y = (v) => H - PAD.bottom - (v / (y1 || 1)) * (H - PAD.top - PAD.bottom);
  const slot = (W - PAD.left - PAD.right) / Math.max(1, groups.length);
  const bar = (slot * 0.8) / Math.max(1, series.length);
  const rects = groups.map((g, i) => g.values.map((v, j) =>
    s('rect', { x: PAD.left + i * slot + slot * 0.1 + j * bar, y: y(v), width: bar * 0.92, height: Math.max(0, y(0) - y(v)), class: `bar series-${j % 8}` },
      s('title', {}, `${g.label}, ${series[j]}: ${yFormat(v)}`))));
  const labels = groups.map((g, i) => s('text', { x: PAD.left + (i + 0.5) * slot, y: H - PAD.bottom + 16, class: 'tick', 'text-anchor': 'middle' }, g.label));
  const numbers = h('details', {}, h('summary', {}, 'Show the numbers'),
    table(title, [{ label: xLabel ?? '', cell: (r) => r.label }, ...series.map((name, j) => ({ label: name, cell: (r) => yFormat(r.values[j]) }))], groups));
  return frame(title, description, [axes([], yTicks, () => 0, y, plain, yFormat, xLabel, yLabel), rects, labels], [legend(series), numbers]);
}

/**
 * A vote tally: one bar of the total voting power at the snapshot, For, Against and Abstain in it, and a
 * mark where the quorum (For + Abstain) lies. Values are Numbers of OPEN; texts are how they are written.
 */
export function tallyBar({ title, forVotes, againstVotes, abstainVotes, quorum, total, texts }) {
  const whole = Math.max(total, forVotes + againstVotes + abstainVotes, quorum) || 1;
  const BAR_H = 28;
  const x = (v) => (v / whole) * W;
  const parts = [['For', forVotes, 'vote-for'], ['Abstain', abstainVotes, 'vote-abstain'], ['Against', againstVotes, 'vote-against']];
  let at = 0;
  const segs = parts.map(([label, v, cls]) => {
    const r = s('rect', { x: x(at), y: 4, width: Math.max(0, x(v)), height: BAR_H, class: cls }, s('title', {}, `${label}: ${texts[label]}`));
    at += v;
    return r;
  });
  const quorumX = Math.min(W - 1, Math.max(1, x(quorum)));
  const id = `chart${++chartSeq}`;
  const desc = `For ${texts.For}, Against ${texts.Against}, Abstain ${texts.Abstain}; quorum ${texts.quorum} (For + Abstain) of ${texts.total} voting power.`;
  const svg = s('svg', { viewBox: `0 0 ${W} ${BAR_H + 8}`, role: 'img', 'aria-labelledby': `${id}-t ${id}-d`, class: 'chart-svg tally-svg', preserveAspectRatio: 'none' },
    s('title', { id: `${id}-t` }, title), s('desc', { id: `${id}-d` }, desc),
    s('rect', { x: 0, y: 4, width: W, height: BAR_H, class: 'tally-rest' }), segs,
    s('line', { x1: quorumX, x2: quorumX, y1: 0, y2: BAR_H + 8, class: 'quorum-mark' }, s('title', {}, `quorum: ${texts.quorum}`)));
  const list = h('ul', { class: 'legend' },
    parts.map(([label, , cls]) => h('li', {}, h('span', { class: `swatch ${cls}`, 'aria-hidden': 'true' }), `${label} ${texts[label]}`)),
    h('li', {}, h('span', { class: 'swatch quorum-swatch', 'aria-hidden': 'true' }), `quorum ${texts.quorum}`));
  return h('figure', { class: 'chart tally' }, h('figcaption', { class: 'visually-hidden' }, title), svg, list);
}
