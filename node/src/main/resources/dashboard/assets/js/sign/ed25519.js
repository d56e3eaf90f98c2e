// Ed25519 (RFC 8032) through the browser's WebCrypto: the seed never leaves this tab, and the key object
// used for signing is not extractable. Chromium 137+, Firefox 129+ and Safari 17+ implement Ed25519.
import { base64UrlDecode, concat } from './bytes.js';

// PKCS#8 wrapping of a 32-byte Ed25519 seed (RFC 8410, section 7): SEQUENCE { version 0,
// AlgorithmIdentifier { 1.3.101.112 }, OCTET STRING { OCTET STRING seed } }.
const PKCS8_PREFIX = Uint8Array.of(0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20);
const ALG = { name: 'Ed25519' };
// A valid curve point to probe for support with: RFC 8032 section 7.1, TEST 1's public key.
const RFC8032_TEST1_PUBLIC_KEY = Uint8Array.from('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'.match(/../g), (b) => parseInt(b, 16));

/** Why this browser cannot sign, or null when it can. */
export async function unsupportedReason() {
  if (!globalThis.isSecureContext || !globalThis.crypto?.subtle) {
    return 'this page is not a secure context (open the dashboard at http://127.0.0.1 or http://localhost, or over HTTPS)';
  }
  try {
    await crypto.subtle.importKey('raw', RFC8032_TEST1_PUBLIC_KEY, ALG, false, ['verify']);
    return null;
  } catch (e) {
    return 'this browser has no Ed25519 in WebCrypto (' + e.name + ')';
  }
}

/**
 * A signer from a 32-byte seed: { publicKey: Uint8Array(32), sign(message) → Promise<Uint8Array(64)> }.
 */
export async function signerFromSeed(seed) {
  if (!(seed instanceof Uint8Array) || seed.length !== 32) throw new Error('an Ed25519 seed is 32 bytes');
  const pkcs8 = concat(PKCS8_PREFIX, seed);
  // WebCrypto has no "public key of this private key"; its JWK export carries it as x.
  const exportable = await crypto.subtle.importKey('pkcs8', pkcs8, ALG, true, ['sign']);
  const publicKey = base64UrlDecode((await crypto.subtle.exportKey('jwk', exportable)).x);
  const key = await crypto.subtle.importKey('pkcs8', pkcs8, ALG, false, ['sign']);
  return Object.freeze({
    publicKey,
    sign: async (message) => new Uint8Array(await crypto.subtle.sign(ALG, key, message)),
  });
}

/** True when signature is a valid Ed25519 signature of message by publicKey. */
export async function verify(publicKey, signature, message) {
  const key = await crypto.subtle.importKey('raw', publicKey, ALG, false, ['verify']);
  return crypto.subtle.verify(ALG, key, signature, message);
}
