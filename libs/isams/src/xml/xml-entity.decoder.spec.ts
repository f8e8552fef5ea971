import { XmlEntityDecoder, isXmlChar } from './xml-entity.decoder';
import { XmlParseError } from './xml-parse.error';

/** The decoder also stands alone as a second line of defence, should a DOCTYPE ever get past the strict check. */
describe('XmlEntityDecoder', () => {
  const decoder = new XmlEntityDecoder();

  it.each([
    ['plain text', 'plain text'],
    ['&amp;&lt;&gt;&quot;&apos;', `&<>"'`],
    ['&#233;&#xe9;&#x000E9;', 'ééé'],
    ['&amp;#233;', '&#233;'],
    ['&amp;amp;', '&amp;'],
  ])('decodes %j once', (raw, expected) => {
    expect(decoder.decode(raw)).toBe(expected);
  });

  it.each(['&nbsp;', '&lol9;', '&xxe;', '&#0;', '&#xD800;', '&#x110000;', '&#99999999999;'])('refuses %s', (raw) => {
    expect(() => decoder.decode(raw)).toThrow(expect.objectContaining({ code: 'invalid-reference' }));
  });

  it('refuses every DOCTYPE entity handed to it', () => {
    expect(() => decoder.addInputEntities()).toThrow(
      new XmlParseError('doctype', 'DOCTYPE declarations are not allowed'),
    );
    expect(() => decoder.setExternalEntities({ xxe: 'x' })).toThrow(expect.objectContaining({ code: 'doctype' }));
    expect(() => decoder.setExternalEntities({})).not.toThrow();
  });

  it.each([
    [0x9, true],
    [0xa, true],
    [0xd, true],
    [0x0, false],
    [0x1f, false],
    [0x20, true],
    [0xd7ff, true],
    [0xd800, false],
    [0xdfff, false],
    [0xe000, true],
    [0xfffd, true],
    [0xfffe, false],
    [0x10000, true],
    [0x10ffff, true],
    [0x110000, false],
  ])('isXmlChar(%s) is %s', (codePoint, expected) => {
    expect(isXmlChar(codePoint)).toBe(expected);
  });
});
