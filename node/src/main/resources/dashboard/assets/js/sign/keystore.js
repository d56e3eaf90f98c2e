// Opening an openledger key file (keys/NAME.json, written by `openledger keys new`) in the browser:
// PBKDF2-HMAC-SHA256 derives an AES-256-GCM key from the passphrase, which decrypts the 32-byte seed with
// the public key as associated data. Everything happens in this tab; nothing is sent anywhere.
import { equalBytes, fromHex, sha256, utf8 } from './bytes.js';
import { signerFromSeed } from './ed25519.js';

const MAX_ITERATIONS = 10_000_000;

/** A signer from a key file's parsed JSON and its passphrase; throws an Error saying what is wrong. */
export async function unlockKeyFile(file, passphrase) {
  const c = file?.crypto;
  if (file?.version !== 1 || !c || c.cipher !== 'aes-256-gcm' || c.kdf !== 'pbkdf2-hmac-sha256') {
    throw new Error('this is not an openledger key file (version 1, aes-256-gcm, pbkdf2-hmac-sha256)');
  }
  const p = c.kdfparams;
  if (!Number.isInteger(p?.iterations) || p.iterations < 1 || p.iterations > MAX_ITERATIONS || p.dklen !== 32) {
    throw new Error('the key file has unusable kdf parameters');
  }
  const publicKey = fromHex(file.publicKey);
  const material = await crypto.subtle.importKey('raw', utf8(passphrase), 'PBKDF2', false, ['deriveKey']);
  const aes = await crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: fromHex(p.salt), iterations: p.iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['decrypt'],
  );
  let seed;
  try {
    seed = new Uint8Array(
      await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromHex(c.iv), additionalData: publicKey, tagLength: 128 }, aes, fromHex(c.ciphertext)),
    );
  } catch {
    throw new Error('wrong passphrase, or the key file was altered');
  }
  const signer = await signerFromSeed(seed);
  seed.fill(0);
  if (!equalBytes(signer.publicKey, publicKey)) throw new Error('the decrypted key does not match the public key in the file');
  return signer;
}

/**
 * A devnet account's INSECURE labelled key, the same as `--from devnet:NAME` on the CLI:
 * seed = SHA-256("openledger-insecure-key:devnet-" + name). Anyone can derive it; devnet only.
 */
export async function devnetSigner(name) {
  return signerFromSeed(await sha256(utf8('openledger-insecure-key:devnet-' + name)));
}
