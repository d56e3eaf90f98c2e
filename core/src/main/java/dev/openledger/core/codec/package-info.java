/**
 * The canonical binary encoding used for everything that is hashed or signed.
 *
 * <p>Rules: integers of fixed width are big-endian; lengths and counts are unsigned LEB128 varints
 * in their shortest form; byte strings and UTF-8 strings are length-prefixed; booleans are exactly
 * 0 or 1. The reader accepts only what the writer produces: a non-minimal varint, a boolean other
 * than 0/1, invalid UTF-8, a length beyond its stated limit or beyond the remaining input, and
 * trailing bytes are all rejected, so every value has exactly one encoding and a hash of the bytes
 * identifies the value. No length field can make the reader allocate more than the input it was
 * given.
 */
package dev.openledger.core.codec;
