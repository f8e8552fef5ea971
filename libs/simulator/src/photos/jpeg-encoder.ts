/**
 * A tiny baseline JPEG encoder for greyscale images made of flat 8×8 blocks. With every block flat,
 * only DC coefficients are non-zero, so the whole encoder is a DC Huffman coder plus an end-of-block
 * code: enough for valid, decodable, distinct photos without an image library.
 */

/** The standard luminance DC table (ITU T.81 Annex K.3): code counts per length 1..16, then symbols. */
const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
/** An AC table holding only end-of-block (0x00): every block is flat. */
const AC_BITS = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const AC_VALUES = [0];
/** One quantiser for every coefficient; a flat block's DC becomes (value - 128). */
const QUANT = 8;

interface HuffmanCode {
  code: number;
  length: number;
}

/** Canonical Huffman codes from a BITS/HUFFVAL pair (T.81 Annex C). */
export function huffmanCodes(bits: readonly number[], values: readonly number[]): Map<number, HuffmanCode> {
  const codes = new Map<number, HuffmanCode>();
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    for (let i = 0; i < bits[length - 1]; i++) codes.set(values[k++], { code: code++, length });
    code <<= 1;
  }
  return codes;
}

const DC_CODES = huffmanCodes(DC_BITS, DC_VALUES);
const EOB = huffmanCodes(AC_BITS, AC_VALUES).get(0) as HuffmanCode;

class BitWriter {
  private readonly bytes: number[] = [];
  private current = 0;
  private filled = 0;

  write(value: number, length: number): void {
    for (let bit = length - 1; bit >= 0; bit--) {
      this.current = (this.current << 1) | ((value >> bit) & 1);
      if (++this.filled === 8) this.flushByte();
    }
  }

  /** Pads with 1-bits, as T.81 requires, and returns the entropy-coded bytes. */
  finish(): number[] {
    if (this.filled > 0) this.write(0xff, 8 - this.filled);
    return this.bytes;
  }

  private flushByte(): void {
    this.bytes.push(this.current);
    // a 0xFF data byte must be followed by a stuffed zero so it cannot be read as a marker
    if (this.current === 0xff) this.bytes.push(0);
    this.current = 0;
    this.filled = 0;
  }
}

function segment(marker: number, body: readonly number[]): number[] {
  const length = body.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...body];
}

function huffmanTable(tableClassAndId: number, bits: readonly number[], values: readonly number[]): number[] {
  return [tableClassAndId, ...bits, ...values];
}

/**
 * Encodes `blocks` (row-major grey levels 0..255, one per 8×8 block) as a JPEG of
 * (columns × 8) by (rows × 8) pixels.
 */
export function encodeBlockJpeg(blocks: readonly number[], columns: number): Buffer {
  const rows = Math.ceil(blocks.length / columns);
  const width = columns * 8;
  const height = rows * 8;
  const writer = new BitWriter();
  let previous = 0;
  for (let i = 0; i < rows * columns; i++) {
    const level = Math.max(0, Math.min(255, Math.round(blocks[i] ?? 128)));
    const dc = Math.round((level - 128) / (QUANT / 8));
    const diff = dc - previous;
    previous = dc;
    const magnitude = Math.abs(diff);
    const category = magnitude === 0 ? 0 : Math.floor(Math.log2(magnitude)) + 1;
    const huffman = DC_CODES.get(category) as HuffmanCode;
    writer.write(huffman.code, huffman.length);
    if (category > 0) writer.write(diff > 0 ? diff : diff + (1 << category) - 1, category);
    writer.write(EOB.code, EOB.length);
  }
  const bytes = [
    0xff,
    0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0x00, ...new Array<number>(64).fill(QUANT)]),
    ...segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]),
    ...segment(0xc4, [...huffmanTable(0x00, DC_BITS, DC_VALUES), ...huffmanTable(0x10, AC_BITS, AC_VALUES)]),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    ...writer.finish(),
    0xff,
    0xd9,
  ];
  return Buffer.from(bytes);
}
