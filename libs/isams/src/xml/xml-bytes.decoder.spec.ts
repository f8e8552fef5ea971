import { decodeXmlBytes, detectXmlEncoding } from './xml-bytes.decoder';

describe('detectXmlEncoding', () => {
  it.each([
    ['UTF-8 BOM', [0xef, 0xbb, 0xbf, 0x3c], 'utf-8', 3],
    ['UTF-16LE BOM', [0xff, 0xfe, 0x3c, 0x00], 'utf-16le', 2],
    ['UTF-16BE BOM', [0xfe, 0xff, 0x00, 0x3c], 'utf-16be', 2],
    ['UTF-16LE "<?" without BOM', [0x3c, 0x00, 0x3f, 0x00], 'utf-16le', 0],
    ['UTF-16BE "<?" without BOM', [0x00, 0x3c, 0x00, 0x3f], 'utf-16be', 0],
    ['plain "<?xml"', [0x3c, 0x3f, 0x78, 0x6d], 'utf-8', 0],
    ['too short to tell', [0x3c], 'utf-8', 0],
  ])('%s', (_what, bytes, encoding, bomLength) => {
    expect(detectXmlEncoding(Uint8Array.from(bytes))).toEqual({ encoding, bomLength });
  });
});

describe('decodeXmlBytes', () => {
  it('ignores a declared utf-16 over UTF-8 bytes', () => {
    const xml = '<?xml version="1.0" encoding="utf-16"?><r>Nguyễn</r>';
    expect(decodeXmlBytes(Buffer.from(xml, 'utf8'))).toBe(xml);
  });

  it('drops an odd trailing byte of UTF-16BE instead of failing', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xfe, 0xff]),
      Buffer.from('<r/>', 'utf16le').swap16(),
      Buffer.from([0x00]),
    ]);
    expect(decodeXmlBytes(bytes)).toBe('<r/>');
  });
});
