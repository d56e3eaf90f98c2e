/**
 * Byte-level BPE tokenization (GPT-2 style): text is split by the GPT-2 pre-tokenization regex,
 * each piece's UTF-8 bytes are mapped to printable characters (GPT-2's {@code bytes_to_unicode}),
 * and merges are applied by rank. Also a deterministic BPE trainer, a ChatML chat template and an
 * incremental decoder.
 *
 * <p>Invariants: every byte has a token, so any string encodes and {@code
 * decode(encode(s)).equals(s)} for every string without lone surrogates (a lone surrogate is
 * encoded as U+FFFD, as UTF-8 encoders do); added (special) tokens are atomic and never produced by
 * merges; a {@link dev.openledger.ml.tokenizer.BpeTokenizer} is immutable and safe to share between
 * threads. File formats live in {@code dev.openledger.ml.format}.
 */
package dev.openledger.ml.tokenizer;
