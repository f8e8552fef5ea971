import { avatarJpeg } from './avatar-photo';
import { encodeBlockJpeg, huffmanCodes } from './jpeg-encoder';

/** Reads back what a baseline decoder would: markers, size, and every block's DC level. */
function decodeFlatJpeg(jpeg: Buffer): { width: number; height: number; levels: number[]; markers: number[] } {
  const markers: number[] = [];
  let offset = 2;
  let width = 0;
  let height = 0;
  const tables = new Map<number, Map<string, number>>();
  expect(jpeg.readUInt16BE(0)).toBe(0xffd8);
  for (;;) {
    expect(jpeg[offset]).toBe(0xff);
    const marker = jpeg[offset + 1];
    markers.push(marker);
    const length = jpeg.readUInt16BE(offset + 2);
    const body = jpeg.subarray(offset + 4, offset + 2 + length);
    if (marker === 0xc0) {
      height = body.readUInt16BE(1);
      width = body.readUInt16BE(3);
    }
    if (marker === 0xc4) {
      for (let p = 0; p < body.length;) {
        const id = body[p];
        const bits = [...body.subarray(p + 1, p + 17)];
        const count = bits.reduce((a, b) => a + b, 0);
        const values = [...body.subarray(p + 17, p + 17 + count)];
        const byCode = new Map<string, number>();
        for (const [value, code] of huffmanCodes(bits, values))
          byCode.set(code.code.toString(2).padStart(code.length, '0'), value);
        tables.set(id, byCode);
        p += 17 + count;
      }
    }
    offset += 2 + length;
    if (marker === 0xda) break;
  }
  const end = jpeg.length - 2;
  expect(jpeg.readUInt16BE(end)).toBe(0xffd9);
  let bits = '';
  for (let i = offset; i < end; i++) {
    bits += jpeg[i].toString(2).padStart(8, '0');
    if (jpeg[i] === 0xff) {
      expect(jpeg[i + 1]).toBe(0); // stuffed
      i++;
    }
  }
  let position = 0;
  const readSymbol = (table: Map<string, number>) => {
    let code = '';
    for (;;) {
      code += bits[position++];
      const value = table.get(code);
      if (value !== undefined) return value;
      if (code.length > 16) throw new Error('bad huffman code');
    }
  };
  const levels: number[] = [];
  let dc = 0;
  for (let block = 0; block < (width / 8) * (height / 8); block++) {
    const category = readSymbol(tables.get(0x00) as Map<string, number>);
    let diff = 0;
    if (category > 0) {
      const raw = parseInt(bits.slice(position, position + category), 2);
      position += category;
      diff = raw >= 1 << (category - 1) ? raw : raw - (1 << category) + 1;
    }
    dc += diff;
    expect(readSymbol(tables.get(0x10) as Map<string, number>)).toBe(0); // end of block
    levels.push(dc + 128);
  }
  return { width, height, levels, markers };
}

describe('block JPEG encoder', () => {
  it.each([
    [[128], 1],
    [[0, 255, 17, 200], 2],
    [[255, 255, 0, 0, 127, 129, 64, 192, 1], 3],
  ])('encodes %j (%i per row) so that the levels decode back', (levels, columns) => {
    const decoded = decodeFlatJpeg(encodeBlockJpeg(levels, columns));
    expect(decoded.levels).toEqual(levels);
    expect(decoded.width).toBe(columns * 8);
    expect(decoded.height).toBe(Math.ceil(levels.length / columns) * 8);
    expect(decoded.markers).toEqual([0xe0, 0xdb, 0xc0, 0xc4, 0xda]);
  });

  it('stuffs a 0xFF byte in the entropy-coded data', () => {
    // 0 → 255 is a DC step of +255: eight 1-bits, here falling on a byte boundary
    const jpeg = encodeBlockJpeg([0, 0, 255], 3);
    const scan = jpeg.subarray(jpeg.indexOf(Buffer.from([0xff, 0xda])) + 10, jpeg.length - 2);
    expect(scan.includes(Buffer.from([0xff, 0x00]))).toBe(true);
    expect(decodeFlatJpeg(jpeg).levels).toEqual([0, 0, 255]);
  });

  it('gives each person a small, stable, distinct 32×32 photo', () => {
    const photo = avatarJpeg(42, '012345678901');
    expect(photo.equals(avatarJpeg(42, '012345678901'))).toBe(true);
    expect(photo.equals(avatarJpeg(42, '012345678902'))).toBe(false);
    expect(photo.length).toBeLessThan(400);
    expect(decodeFlatJpeg(photo)).toMatchObject({ width: 32, height: 32 });
  });
});
