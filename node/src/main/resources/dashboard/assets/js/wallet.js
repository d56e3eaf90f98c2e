// The signing key of this browser tab. A key is loaded from an openledger key file (decrypted here with
// its passphrase) or, on the devnet only, derived from a devnet account's public label. It lives in this
// tab's memory and is gone on reload; the page sends only signed transactions to the node.
import { addressOf } from './sign/address.js';
import { unsupportedReason } from './sign/ed25519.js';
import { devnetSigner, unlockKeyFile } from './sign/keystore.js';
import { field, fill, h, notice } from './dom.js';

export const DEVNET_CHAIN = 'openledger-devnet';
const DEVNET_ACCOUNTS = ['alice', 'bob', 'carol', 'dave'];

let current = null; // { signer, address, label, insecure }
const listeners = new Set();

export const wallet = () => current;

/** Calls fn(wallet) whenever the key changes, until signal aborts. */
export function onWalletChange(fn, signal) {
  listeners.add(fn);
  signal.addEventListener('abort', () => listeners.delete(fn), { once: true });
}

async function use(signer, label, insecure) {
  current = { signer, address: await addressOf(signer.publicKey), label, insecure };
  listeners.forEach((fn) => fn(current));
}

function forget() {
  current = null;
  listeners.forEach((fn) => fn(current));
}

/** The panel that shows the loaded key or offers ways to load one. chainId decides whether devnet keys are offered. */
export function keyPanel({ chainId, signal }) {
  const el = h('div', { class: 'key-panel', id: 'key-panel' });
  const draw = async () => {
    if (current) {
      fill(el,
        h('p', {}, 'Signing as ', h('a', { href: `#/account/${current.address}`, id: 'signer-address' }, current.address), ` (${current.label}).`),
        current.insecure ? notice('info', 'This devnet key is derived from a public label: anyone can sign with it. Fine for a local devnet, never for value.') : null,
        h('button', { type: 'button', class: 'secondary', onclick: forget }, 'Forget this key'));
      return;
    }
    const why = await unsupportedReason();
    if (why) {
      fill(el, notice('info', `This browser cannot sign here: ${why}. Use the command line instead (shown beside each form).`));
      return;
    }
    fill(el,
      h('p', { class: 'hint' }, 'Transactions are signed in this browser. Your key is decrypted here and never sent to the node.'),
      keyFileForm(),
      chainId === DEVNET_CHAIN ? devnetForm() : null);
  };
  onWalletChange(draw, signal);
  draw();
  return el;
}

function keyFileForm() {
  const file = h('input', { type: 'file', accept: '.json,application/json', id: 'keyfile', required: true });
  const pass = h('input', { type: 'password', id: 'passphrase', autocomplete: 'current-password', required: true });
  const status = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'submit' }, 'Unlock');
  const form = h('form', { class: 'stack', id: 'keyfile-form' },
    h('h3', {}, 'Use a key file'),
    field('Key file', file, 'keys/NAME.json in your node home, as written by "openledger keys new NAME".'),
    field('Passphrase', pass),
    button, status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    button.disabled = true;
    fill(status, h('p', { class: 'muted' }, 'Decrypting in this browser…'));
    try {
      const f = file.files[0];
      if (!f) throw new Error('choose a key file first');
      let json;
      try {
        json = JSON.parse(await f.text());
      } catch {
        throw new Error(`${f.name} is not JSON`);
      }
      const signer = await unlockKeyFile(json, pass.value);
      pass.value = '';
      await use(signer, `key file ${f.name}`, false);
    } catch (err) {
      pass.value = '';
      pass.focus();
      fill(status, notice('error', `Could not unlock the key: ${err.message}`));
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

function devnetForm() {
  const select = h('select', { id: 'devnet-account' }, DEVNET_ACCOUNTS.map((n) => h('option', { value: n }, n)));
  const form = h('form', { class: 'stack', id: 'devnet-form' },
    h('h3', {}, 'Or use a devnet account'),
    field('Account', select, 'The devnet\'s funded test accounts; the same keys as "--from devnet:NAME" on the command line.'),
    h('button', { type: 'submit', class: 'secondary' }, 'Use this devnet account'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    await use(await devnetSigner(select.value), `devnet account ${select.value}`, true);
  });
  return form;
}
