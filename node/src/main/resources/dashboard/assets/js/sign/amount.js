// OPEN amounts: exact nano-OPEN (9 decimals) as BigInt, since 10^18 nano-OPEN exceed a double's 2^53.
export const NANO_PER_OPEN = 1_000_000_000n;
export const MAX_SUPPLY_NANO = 1_000_000_000n * NANO_PER_OPEN;

/** Nano-OPEN of a decimal OPEN string such as "12.5"; throws an Error saying what is wrong. */
export function parseOpen(text) {
  const s = String(text).trim();
  const m = /^(\d+)(?:\.(\d{1,9}))?$/.exec(s);
  if (!m) throw new Error(`"${s}" is not an amount of OPEN (digits, at most 9 decimals)`);
  const nano = BigInt(m[1]) * NANO_PER_OPEN + BigInt((m[2] ?? '').padEnd(9, '0'));
  if (nano > MAX_SUPPLY_NANO) throw new Error('more than the whole supply');
  return nano;
}

/** The plain decimal string of a nano-OPEN BigInt ("12.5"), as the API writes amounts. */
export function formatNano(nano) {
  const whole = nano / NANO_PER_OPEN;
  const frac = (nano % NANO_PER_OPEN).toString().padStart(9, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : `${whole}`;
}
