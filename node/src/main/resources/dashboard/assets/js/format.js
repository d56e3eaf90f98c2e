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
