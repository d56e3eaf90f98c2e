// Formatting for people: amounts with digit grouping, short hashes, times.
import { h } from './dom.js';

/** "1234567.5" → "1,234,567.5" (amounts are exact decimal strings; never through a float). */
export function groupDigits(decimal) {
  const [whole, frac] = String(decimal).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac ? `${grouped}.${frac}` : grouped;
}

export const open = (decimal) => `${groupDigits(decimal)} OPEN`;

/** An OPEN decimal as a Number, for chart proportions only. */
export const openNumber = (decimal) => Number(decimal);

export const short = (hex, n = 10) => (hex && hex.length > n ? `${hex.slice(0, n)}…` : hex);

export const shortAddress = (a) => (a && a.length > 16 ? `${a.slice(0, 8)}…${a.slice(-6)}` : a);

/** A hash or address shown short, full text in the title and for screen readers. */
export function mono(text, shortText = short(text)) {
  return h('code', { class: 'mono', title: text, 'aria-label': text }, shortText);
}

export function localTime(iso) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** "3 s ago", "5 min ago" … */
export function ago(ms, now = Date.now()) {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

export function millis(ms) {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** Nano-OPEN given as an integer (a number or digit string, as the economy's counters are) in OPEN. */
export function openOfNano(nano) {
  const n = BigInt(nano);
  const whole = n / 1_000_000_000n;
  const frac = (n % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  return open(frac ? `${whole}.${frac}` : `${whole}`);
}

/** Parts per million as a percentage: 571428 → "57.1%". */
export const percentPpm = (ppm, digits = 1) => `${(Number(ppm) / 10_000).toFixed(digits)}%`;

/** Basis points as a percentage: 4500 → "45%". */
export const percentBps = (bps) => `${Number((Number(bps) / 100).toFixed(2))}%`;

/** A Gini coefficient in parts per million as a fraction: 285714 → "0.286". */
export const giniText = (ppm) => (Number(ppm) / 1_000_000).toFixed(3);

/** Seconds for people: "45 s", "10 min", "2 h", "14 d". */
export function seconds(s) {
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Number((s / 60).toFixed(1))} min`;
  if (s < 172_800) return `${Number((s / 3600).toFixed(1))} h`;
  return `${Number((s / 86_400).toFixed(1))} d`;
}

/** A time relative to now: "in 5 min", "3 s ago". */
export function fromNow(ms, now = Date.now()) {
  return ms >= now ? `in ${seconds(Math.round((ms - now) / 1000))}` : ago(ms, now);
}

/** A millisecond timestamp as local date and time. */
export const localMillis = (ms) => localTime(new Date(ms).toISOString());

/** A status word as a badge: the word itself, with a colour class per kind of state (never the only cue). */
export function badge(word, kind = 'neutral') {
  return h('span', { class: `badge badge-${kind}` }, word);
}
