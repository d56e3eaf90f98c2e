// Bech32m (BIP 350) addresses: "ol1…" holds the 20-byte address; the checksum catches a mistyped character.
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const CONST = 0x2bc830a3;
const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function polymod(values) {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GEN[i];
  }
  return chk >>> 0;
}

function expand(hrp) {
  const hi = [...hrp].map((c) => c.charCodeAt(0) >> 5);
  const lo = [...hrp].map((c) => c.charCodeAt(0) & 31);
  return [...hi, 0, ...lo];
}

function convertBits(data, from, to, pad) {
  let acc = 0;
  let bits = 0;
  const out = [];
  const maxv = (1 << to) - 1;
  for (const value of data) {
    if (value >>> from !== 0) throw new Error('invalid data value');
    acc = (acc << from) | value;
    bits += from;
    while (bits >= to) {
      bits -= to;
      out.push((acc >>> bits) & maxv);
    }
  }
  if (pad) {
    if (bits > 0) out.push((acc << (to - bits)) & maxv);
  } else if (bits >= from || ((acc << (to - bits)) & maxv) !== 0) {
    throw new Error('invalid padding');
  }
  return out;
}

export function encode(hrp, bytes) {
  const data = convertBits(bytes, 8, 5, true);
  const mod = polymod([...expand(hrp), ...data, 0, 0, 0, 0, 0, 0]) ^ CONST;
  const checksum = [0, 1, 2, 3, 4, 5].map((i) => (mod >>> (5 * (5 - i))) & 31);
  return hrp + '1' + [...data, ...checksum].map((v) => CHARSET[v]).join('');
}

/** The bytes of text, or an Error saying what is wrong. */
export function decode(hrp, text) {
  if (text.length > 90) throw new Error('longer than 90 characters');
  if (text !== text.toLowerCase() && text !== text.toUpperCase()) throw new Error('mixes upper and lower case');
  const s = text.toLowerCase();
  const sep = s.lastIndexOf('1');
  if (sep < 1 || s.length - sep - 1 < 6) throw new Error("missing '1' separator or checksum");
  if (s.slice(0, sep) !== hrp) throw new Error(`expected prefix '${hrp}1'`);
  const values = [...s.slice(sep + 1)].map((c) => {
    const v = CHARSET.indexOf(c);
    if (v < 0) throw new Error(`invalid character '${c}'`);
    return v;
  });
  if (polymod([...expand(hrp), ...values]) !== CONST) throw new Error('checksum mismatch (a character is mistyped)');
  return Uint8Array.from(convertBits(values.slice(0, -6), 5, 8, false));
}
