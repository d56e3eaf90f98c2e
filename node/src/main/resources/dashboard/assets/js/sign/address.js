// Account addresses: the first 20 bytes of SHA-256 over the Ed25519 public key, written in Bech32m "ol1…".
import { decode, encode } from './bech32m.js';
import { sha256 } from './bytes.js';

export const PREFIX = 'ol';

export async function addressOf(publicKey) {
  return encode(PREFIX, (await sha256(publicKey)).slice(0, 20));
}

/** The 20 address bytes of text; throws an Error saying what is wrong. */
export function parseAddress(text) {
  let bytes;
  try {
    bytes = decode(PREFIX, text.trim());
  } catch (e) {
    throw new Error(`invalid address: ${e.message}`);
  }
  if (bytes.length !== 20) throw new Error(`invalid address: holds ${bytes.length} bytes, not 20`);
  return bytes;
}
