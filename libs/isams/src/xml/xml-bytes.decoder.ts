/**
 * Bytes → text, lenient about the declared encoding. iSAMS often declares `encoding="utf-16"`
 * while sending UTF-8 bytes, so the declaration is ignored: the bytes are UTF-8 unless they carry
 * real evidence of UTF-16 (a byte-order mark, or the `<?` of a declaration spelt in UTF-16 as
 * XML 1.0 Appendix F describes). Invalid UTF-8 sequences become U+FFFD rather than failing.
 */
export type DetectedEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export function detectXmlEncoding(bytes: Uint8Array): { encoding: DetectedEncoding; bomLength: number } {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x3f && b3 === 0x00) return { encoding: 'utf-16le', bomLength: 0 };
  if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00 && b3 === 0x3f) return { encoding: 'utf-16be', bomLength: 0 };
  return { encoding: 'utf-8', bomLength: 0 };
}

export function decodeXmlBytes(bytes: Uint8Array): string {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { encoding, bomLength } = detectXmlEncoding(buffer);
  const body = buffer.subarray(bomLength);
  if (encoding === 'utf-8') return body.toString('utf8');
  if (encoding === 'utf-16le') return body.toString('utf16le');
  // Node has no UTF-16BE decoder: swap each pair into a copy (an odd trailing byte is dropped).
  const swapped = Buffer.from(body.subarray(0, body.length - (body.length % 2)));
  return swapped.swap16().toString('utf16le');
}
