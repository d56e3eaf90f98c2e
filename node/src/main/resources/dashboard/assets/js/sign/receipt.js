// Checking an OpenLoRA usage receipt in the browser. The receipt's canonical hex ("encoded") is
//   receipt | providerKey(32) | signature(64)
// and the provider signed  string("openledger/usage-receipt/v1") | receipt  with Ed25519.
import { addressOf } from './address.js';
import { fromHex, toHex } from './bytes.js';
import { verify } from './ed25519.js';
import { Writer } from './codec.js';

const DOMAIN = 'openledger/usage-receipt/v1';

/** { ok, why }: whether the provider's signature over the receipt verifies and the key is the provider's. */
export async function checkReceipt(r) {
  const bytes = fromHex(r.encoded);
  if (bytes.length <= 96) return { ok: false, why: 'the receipt encoding is too short' };
  const body = bytes.slice(0, bytes.length - 96);
  const key = bytes.slice(bytes.length - 96, bytes.length - 64);
  const sig = bytes.slice(bytes.length - 64);
  if (toHex(key) !== r.provider_key || toHex(sig) !== r.signature) return { ok: false, why: 'the encoding does not carry the stated key and signature' };
  if ((await addressOf(key)) !== r.receipt.provider) return { ok: false, why: "the signing key is not the provider's" };
  const signed = new Writer().string(DOMAIN).raw(body).toBytes();
  return (await verify(key, sig, signed)) ? { ok: true, why: '' } : { ok: false, why: 'the signature does not verify' };
}
