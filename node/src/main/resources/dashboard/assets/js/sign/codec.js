// The chain's canonical transaction encoding (ledger TxCodec) and signing:
//   body      = u8 version(=1) | string chainId | publicKey sender(32) | varint nonce | varint fee
//               | varint messageTag | message body
//   signed    = body | signature(64)
//   signature = Ed25519(sender, "openledger:tx:v1\n" | body);  hash = SHA-256(signed)
// Varints are unsigned LEB128, shortest form; strings are varint length + UTF-8.
import { parseAddress } from './address.js';
import { concat, fromHex, sha256, toHex, utf8 } from './bytes.js';

export const TX_VERSION = 1;
const DOMAIN = utf8('openledger:tx:v1\n');

export class Writer {
  #parts = [];

  u8(v) {
    if (!Number.isInteger(v) || v < 0 || v > 255) throw new Error(`u8 out of range: ${v}`);
    this.#parts.push(Uint8Array.of(v));
    return this;
  }

  bool(v) {
    return this.u8(v ? 1 : 0);
  }

  /** Unsigned 32-bit, big-endian. */
  u32(v) {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new Error(`u32 out of range: ${v}`);
    this.#parts.push(Uint8Array.of(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff));
    return this;
  }

  /** A 32-byte hash given as 64 hex digits. */
  hash(hex) {
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`not a 32-byte hash: ${hex}`);
    return this.raw(fromHex(hex));
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
 * with the tag (moduleCode * 256 + index) and the field order of the Java record's encodeBody; a browser
 * test signs each one here and in Java and compares the bytes. Amounts are nano-OPEN BigInts.
 */
const msg = (type, tag, write) => ({ type, tag, write });

/** Vote support codes (VoteSupport ordinals) and staking purposes (Purpose ordinals). */
export const SUPPORT = { against: 0, for: 1, abstain: 2 };
export const PURPOSES = ['general', 'validator', 'curator', 'contributor', 'provider'];

export const messages = {
  transfer: (to, amountNano) => msg('bank/transfer', 0x0101, (w) => w.raw(parseAddress(to)).varint(amountNano)),
  burn: (amountNano) => msg('bank/burn', 0x0102, (w) => w.varint(amountNano)),
  /** p: { inferenceFeeSplit: { contributorsBps, developerBps, providerBps, stakersBps, treasuryBps }, txFeeStakersBps } */
  updateBankParams: (p) => msg('bank/update_params', 0x0103, (w) => {
    const s = p.inferenceFeeSplit;
    w.varint(s.contributorsBps).varint(s.developerBps).varint(s.providerBps).varint(s.stakersBps).varint(s.treasuryBps).varint(p.txFeeStakersBps);
  }),
  stake: (pool, purpose, amountNano) => msg('staking/stake', 0x0201, (w) => w.varint(pool).u8(purposeCode(purpose)).varint(amountNano)),
  unstake: (position) => msg('staking/unstake', 0x0203, (w) => w.varint(position)),
  withdraw: (position) => msg('staking/withdraw', 0x0204, (w) => w.varint(position)),
  delegate: (to) => msg('staking/delegate', 0x0205, (w) => w.raw(parseAddress(to))),
  /** inner: messages built here; a proposal carries 1–16 of them. */
  propose: (inner, description) => msg('gov/propose', 0x0301, (w) => {
    w.varint(inner.length);
    for (const m of inner) {
      w.varint(m.tag);
      m.write(w);
    }
    w.string(description);
  }),
  vote: (proposal, support, reason) => msg('gov/vote', 0x0302, (w) => w.varint(proposal).u8(supportCode(support)).string(reason)),
  queue: (proposal) => msg('gov/queue', 0x0303, (w) => w.varint(proposal)),
  execute: (proposal) => msg('gov/execute', 0x0304, (w) => w.varint(proposal)),
  /** p: the GovParams JSON of /api/gov/params, with proposalThresholdNano as a BigInt. */
  updateGovParams: (p) => msg('gov/update_params', 0x0306, (w) => w.varint(p.votingDelaySeconds).varint(p.votingPeriodSeconds)
    .varint(p.proposalThresholdNano).varint(p.quorumBps).varint(p.timelockSeconds).varint(p.gracePeriodSeconds)),
  /** t: the toSign of an upload answer (SubmitContribution's fields). */
  submitContribution: (t) => msg('datanet/submit', 0x0402, (w) => w.hash(t.datanetId).hash(t.contributionId).hash(t.contentHash)
    .varint(t.bytes).u32(t.rows).u32(t.scorePpm).string(t.fileName).string(t.fileType)),
  reviewContribution: (contributionId, approve, reason) => msg('datanet/review', 0x0403, (w) => w.hash(contributionId).bool(approve).string(reason)),
  approveModel: (name, version) => msg('model/approve', 0x0503, (w) => w.string(name).u32(version)),
  openChannel: (provider, depositNano) => msg('payment/open', 0x0601, (w) => w.raw(parseAddress(provider)).varint(depositNano)),
  topUpChannel: (channel, amountNano) => msg('payment/topup', 0x0602, (w) => w.hash(channel).varint(amountNano)),
  closeChannel: (channel) => msg('payment/close', 0x0603, (w) => w.hash(channel)),
  withdrawChannel: (channel) => msg('payment/withdraw', 0x0604, (w) => w.hash(channel)),
  /** keyHash: SHA-256 of the API key's UTF-8 text, as hex; only the hash goes on chain. */
  bindApiKey: (keyHash) => msg('payment/bind_key', 0x0605, (w) => w.hash(keyHash)),
  unbindApiKey: (keyHash) => msg('payment/unbind_key', 0x0606, (w) => w.hash(keyHash)),
};

function supportCode(support) {
  const code = SUPPORT[support];
  if (code === undefined) throw new Error(`a vote is for, against or abstain, not ${support}`);
  return code;
}

function purposeCode(purpose) {
  const code = PURPOSES.indexOf(purpose);
  if (code < 0) throw new Error(`a stake's purpose is one of ${PURPOSES.join(', ')}, not ${purpose}`);
  return code;
}

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
