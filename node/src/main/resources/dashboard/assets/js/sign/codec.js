// The chain's canonical transaction encoding (ledger TxCodec) and signing:
//   body      = u8 version(=1) | string chainId | publicKey sender(32) | varint nonce | varint fee
//               | varint messageTag | message body
//   signed    = body | signature(64)
//   signature = Ed25519(sender, "openledger:tx:v1\n" | body);  hash = SHA-256(signed)
// Varints are unsigned LEB128, shortest form; strings are varint length + UTF-8.
import { parseAddress } from './address.js';
import { concat, sha256, toHex, utf8 } from './bytes.js';

export const TX_VERSION = 1;
const DOMAIN = utf8('openledger:tx:v1\n');

export class Writer {
  #parts = [];

  u8(v) {
    if (!Number.isInteger(v) || v < 0 || v > 255) throw new Error(`u8 out of range: ${v}`);
    this.#parts.push(Uint8Array.of(v));
    return this;
  }

  varint(value) {
    let v = BigInt(value);
    if (v < 0n || v >= 1n << 63n) throw new Error(`varint out of range: ${value}`);
    const out = [];
    while (v > 0x7fn) {
      out.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    out.push(Number(v));
    this.#parts.push(Uint8Array.from(out));
    return this;
  }

  raw(bytes) {
    this.#parts.push(Uint8Array.from(bytes));
    return this;
  }

  bytes(bytes) {
    return this.varint(bytes.length).raw(bytes);
  }

  string(s) {
    return this.bytes(utf8(s));
  }

  toBytes() {
    return concat(...this.#parts);
  }
}

/**
 * Messages the dashboard can sign: { type, tag, write(writer) }. Each module's messages are added here
 * with the tag and field order of its Java record (moduleCode * 256 + index).
 */
export const messages = {
  transfer: (to, amountNano) => ({
    type: 'bank/transfer',
    tag: 0x0101,
    write: (w) => w.raw(parseAddress(to)).varint(amountNano),
  }),
  burn: (amountNano) => ({ type: 'bank/burn', tag: 0x0102, write: (w) => w.varint(amountNano) }),
};

/** The unsigned body's bytes. */
export function encodeBody({ chainId, sender, nonce, fee, message }) {
  if (!/^[a-z0-9][a-z0-9-]{0,47}$/.test(chainId)) throw new Error(`bad chain id '${chainId}'`);
  if (sender.length !== 32) throw new Error('the sender is a 32-byte public key');
  const w = new Writer().u8(TX_VERSION).string(chainId).raw(sender).varint(nonce).varint(fee).varint(message.tag);
  message.write(w);
  return w.toBytes();
}

/** Signs { chainId, nonce, fee, message } with signer; returns { bytes, hash } (hash as hex). */
export async function signTransaction(signer, { chainId, nonce, fee, message }) {
  const body = encodeBody({ chainId, sender: signer.publicKey, nonce, fee, message });
  const signature = await signer.sign(concat(DOMAIN, body));
  const bytes = concat(body, signature);
  return { bytes, hash: toHex(await sha256(bytes)) };
}
