import { createIsamsXmlParser, parseIsamsDocument } from './isams-xml-parser.factory';
import { UNSAFE_NAME_PREFIX } from './safe-names';
import { XML_ENGINES } from './tree-builders/xml-tree-builder';
import { DEFAULT_XML_PARSER_LIMITS } from './xml-limits';
import { attributeOf, childElements, descendants, textOf, type XmlElement } from './xml-node';
import { XmlParseError } from './xml-parse.error';

describe.each(XML_ENGINES)('engine %s', (engine) => {
  const parser = createIsamsXmlParser({ engine });
  const rootOf = (xml: string | Buffer): XmlElement => parser.parse(xml).root;
  const textAt = (xml: string, ...path: string[]): string => textOf(descendants(rootOf(xml), path)[0]);

  describe('createIsamsXmlParser: entities decode exactly once', () => {
    it.each([
      ['&amp;', '&'],
      ['&lt;&gt;&quot;', '<>"'],
      ['O&apos;Brien', "O'Brien"],
      ['Jos&#233;', 'José'],
      ['Jos&#xE9;', 'José'],
      ['a&#x20;b', 'a b'],
      ['&#x1F600;', '\u{1F600}'],
      ['&amp;#233;', '&#233;'],
      ['&amp;amp;', '&amp;'],
      ['&amp;lt;b&amp;gt;', '&lt;b&gt;'],
      ['<![CDATA[&amp; <raw>]]>', '&amp; <raw>'],
      ['Zoë Nguyễn Siobhán', 'Zoë Nguyễn Siobhán'],
    ])('element text %s → %s', (raw, expected) => {
      expect(textAt(`<r><v>${raw}</v></r>`, 'v')).toBe(expected);
    });

    it.each([
      ['&amp;#233;', '&#233;'],
      ['O&apos;Brien', "O'Brien"],
      ['&#233;', 'é'],
      ['&quot;x&quot;', '"x"'],
    ])('attribute value %s → %s', (raw, expected) => {
      expect(attributeOf(rootOf(`<r a="${raw}"/>`), 'a')).toBe(expected);
    });

    it.each([
      ['an undefined named entity (there is no DTD to define one)', '<r>&nbsp;</r>', 'invalid-reference'],
      ['an upper-case X in a hex reference (XML allows only x)', '<r>Jos&#XE9;</r>', 'invalid-reference'],
      ['a reference with junk digits', '<r>&#12ab;</r>', 'invalid-reference'],
      ['a bare ampersand', '<r>AT&T</r>', 'malformed'],
    ])('refuses %s', (_what, xml, code) => {
      expect(() => parser.parse(xml)).toThrow(expect.objectContaining({ code }));
    });
  });

  describe('createIsamsXmlParser: values stay strings', () => {
    it.each([
      ['leading zeros', '000123'],
      ['a long id', '98765432109876543210987654321'],
      ['a phone number', '07700900123'],
      ['exponent-looking', '1e5'],
      ['a decimal', '1.50'],
      ['a boolean word', 'true'],
      ['hex-looking', '0x1F'],
    ])('%s in text and attributes', (_what, value) => {
      const root = rootOf(`<r Id="${value}"><v>${value}</v></r>`);
      expect(attributeOf(root, 'Id')).toBe(value);
      expect(textOf(childElements(root, 'v')[0])).toBe(value);
    });

    it('keeps an empty element as an empty string and trims whitespace-only text', () => {
      const root = rootOf('<r><Title/><Blank>   </Blank><Space>&#x20;</Space></r>');
      expect(textOf(childElements(root, 'Title')[0])).toBe('');
      expect(textOf(childElements(root, 'Blank')[0])).toBe('');
      // fast-xml-parser trims before decoding (' '), saxes after (''): the mapping reads both as absent.
      expect(textOf(childElements(root, 'Space')[0]).trim()).toBe('');
    });
  });

  describe('createIsamsXmlParser: collections are always arrays', () => {
    it('a one-item collection and its module and section blocks are arrays', () => {
      const root = rootOf(
        '<iSAMS><PupilManager><CurrentPupils><Pupil Id="1"><SchoolId>1</SchoolId></Pupil></CurrentPupils></PupilManager></iSAMS>',
      );
      expect(Array.isArray(root.PupilManager)).toBe(true);
      const [pupilManager] = childElements(root, 'PupilManager');
      expect(Array.isArray((pupilManager as XmlElement).CurrentPupils)).toBe(true);
      const pupils = descendants(root, ['PupilManager', 'CurrentPupils', 'Pupil']);
      expect(pupils).toHaveLength(1);
      expect(Array.isArray(((pupilManager as XmlElement).CurrentPupils as XmlElement[])[0].Pupil)).toBe(true);
    });

    it('a repeated section keeps every block', () => {
      const root = rootOf(
        '<iSAMS><PupilManager><CurrentPupils><Pupil Id="1"/></CurrentPupils><CurrentPupils><Pupil Id="2"/><Pupil Id="3"/></CurrentPupils></PupilManager></iSAMS>',
      );
      expect(descendants(root, ['PupilManager', 'CurrentPupils'])).toHaveLength(2);
      expect(descendants(root, ['PupilManager', 'CurrentPupils', 'Pupil']).map((p) => attributeOf(p, 'Id'))).toEqual([
        '1',
        '2',
        '3',
      ]);
    });

    it.each([
      [
        'contact pupils',
        '<iSAMS><PupilManager><Contacts><Contact Id="1"><Pupils><Pupil Id="9"/></Pupils></Contact></Contacts></PupilManager></iSAMS>',
        ['PupilManager', 'Contacts', 'Contact', 'Pupils'],
      ],
      [
        'set teachers',
        '<iSAMS><TeachingManager><Sets><Set Id="1"><Teachers><Teacher StaffId="4"/></Teachers></Set></Sets></TeachingManager></iSAMS>',
        ['TeachingManager', 'Sets', 'Set', 'Teachers'],
      ],
      [
        'staff divisions',
        '<iSAMS><HRManager><CurrentStaff><StaffMember Id="1"><Divisions><Division Id="2"/></Divisions></StaffMember></CurrentStaff></HRManager></iSAMS>',
        ['HRManager', 'CurrentStaff', 'StaffMember', 'Divisions'],
      ],
    ])('nested one-item collection (%s) is an array', (_what, xml, containerPath) => {
      const [container] = descendants(rootOf(xml), containerPath) as XmlElement[];
      const [itemName] = Object.keys(container);
      expect(Array.isArray(container[itemName])).toBe(true);
    });
  });

  describe('createIsamsXmlParser: encodings', () => {
    const xml = '<?xml version="1.0" encoding="utf-16"?><r><v>Zoë O&apos;Brien Nguyễn</v></r>';
    const expected = "Zoë O'Brien Nguyễn";
    const utf16be = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();

    it.each([
      ['UTF-8 bytes declared utf-16', Buffer.from(xml, 'utf8')],
      ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml, 'utf8')])],
      ['UTF-16LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')])],
      ['UTF-16BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(xml)])],
      ['UTF-16LE without a BOM', Buffer.from(xml, 'utf16le')],
      ['a Uint8Array view', new Uint8Array(Buffer.from(xml, 'utf8'))],
      ['a string', xml],
    ])('%s', (_what, input) => {
      expect(textAt(input as string, 'v')).toBe(expected);
    });

    it('turns invalid UTF-8 bytes into U+FFFD instead of failing', () => {
      const bytes = Buffer.concat([Buffer.from('<r><v>a'), Buffer.from([0xc3, 0x28]), Buffer.from('b</v></r>')]);
      expect(textOf(childElements(parser.parse(bytes).root, 'v')[0])).toBe('a\uFFFD(b');
    });
  });

  describe('createIsamsXmlParser: limits and results', () => {
    it('defaults to 256 MB and 256 levels', () => {
      expect(DEFAULT_XML_PARSER_LIMITS).toEqual({ maxBytes: 256 * 1024 * 1024, maxDepth: 256 });
      expect(parser.limits).toEqual(DEFAULT_XML_PARSER_LIMITS);
      expect(parser.engine).toBe(engine);
    });

    it.each([0, -1, 1.5, Number.NaN])('refuses a nonsensical limit (%s)', (value) => {
      expect(() => createIsamsXmlParser({ engine, maxDepth: value })).toThrow(RangeError);
    });

    it('accepts nesting exactly at the cap and refuses one level more', () => {
      const nested = (depth: number): string => '<a>'.repeat(depth) + '</a>'.repeat(depth);
      const capped = createIsamsXmlParser({ engine, maxDepth: 5 });
      expect(() => capped.parse(nested(5))).not.toThrow();
      expect(() => capped.parse(nested(6))).toThrow(expect.objectContaining({ code: 'too-deep' }));
    });

    it('reports the root name, byte size and no replacements for a clean document', () => {
      const xml = '<iSAMS><PupilManager/></iSAMS>';
      expect(parser.parse(xml)).toEqual({
        rootName: 'iSAMS',
        root: { PupilManager: [''] },
        bytes: xml.length,
        replacedCharacters: 0,
      });
    });

    it('ignores comments, processing instructions and the declaration', () => {
      const root = rootOf('<?xml version="1.0"?><!-- c --><r><?pi x?><v>1<!-- inner --></v></r><!-- tail -->');
      expect(root).toEqual({ v: '1' });
    });

    it('expectedRoot refuses another document kind', () => {
      expect(() => parser.parse('<html><body/></html>', { expectedRoot: 'iSAMS' })).toThrow(
        expect.objectContaining({ code: 'unexpected-root', message: 'expected a <iSAMS> document, got <html>' }),
      );
    });
  });

  describe('parseIsamsDocument', () => {
    it('parses a Batch document', () => {
      expect(parseIsamsDocument('<iSAMS><HRManager/></iSAMS>', parser).rootName).toBe('iSAMS');
    });

    it('names an iSAMS error message saved in place of data', () => {
      const error =
        '<?xml version="1.0" encoding="utf-16"?><Message><MessageId>InvalidApiKey</MessageId><Title>Invalid API key</Title></Message>';
      expect(() => parseIsamsDocument(error, parser)).toThrow(
        new XmlParseError('unexpected-root', 'the document is an iSAMS error message (InvalidApiKey), not Batch data'),
      );
    });

    it('refuses any other root', () => {
      expect(() => parseIsamsDocument('<rss/>', parser)).toThrow(expect.objectContaining({ code: 'unexpected-root' }));
    });
  });

  describe('createIsamsXmlParser: names that could reach Object.prototype', () => {
    it.each(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'])(
      'an element or attribute called %s pollutes nothing and the rest still parses',
      (name) => {
        const xml = `<iSAMS><PupilManager><CurrentPupils><Pupil Id="1" ${name}="x"><${name}><polluted>yes</polluted></${name}><SchoolId>007</SchoolId></Pupil></CurrentPupils></PupilManager></iSAMS>`;
        const [pupil] = descendants(parser.parse(xml).root, ['PupilManager', 'CurrentPupils', 'Pupil']) as XmlElement[];
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.prototype).not.toHaveProperty('polluted');
        expect(Object.getPrototypeOf(pupil)).toBe(Object.prototype);
        expect(textOf(childElements(pupil, 'SchoolId')[0])).toBe('007');
        expect(Object.prototype.hasOwnProperty.call(pupil, name)).toBe(false);
        expect(childElements(pupil, UNSAFE_NAME_PREFIX + name)).toHaveLength(1);
      },
    );

    it('a root called __proto__ is an ordinary (unexpected) document', () => {
      const parsed = parser.parse('<__proto__><polluted>1</polluted></__proto__>');
      expect(parsed.rootName).toBe('__proto__');
      expect(childElements(parsed.root, 'polluted')).toHaveLength(1);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });
});

describe('both engines give the same tree', () => {
  const RICH =
    '<?xml version="1.0" encoding="utf-16"?><iSAMS><PupilManager><CurrentPupils>' +
    '<Pupil Id="1" PersonGuid="g"><SchoolId>007</SchoolId><Forename>Zo&#235; &amp; Jos&#xE9;</Forename><Title/><Surname>O&apos;Brien</Surname>' +
    '<Tutor Legacy="True">ABC</Tutor><Notes><![CDATA[a <b> &amp;]]></Notes><!-- c --></Pupil>' +
    '<Pupil id="2"><SchoolId> 008 </SchoolId></Pupil></CurrentPupils><CurrentPupils/></PupilManager>' +
    '<TeachingManager><Sets><Set Id="9"><Teachers><Teacher StaffId="4" PrimaryTeacher="True"/></Teachers></Set></Sets></TeachingManager>' +
    '<Unknown a="1">text<b/>more</Unknown></iSAMS>';

  it('for a document with every shape iSAMS sends', () => {
    const [fxp, saxes] = XML_ENGINES.map((engine) => createIsamsXmlParser({ engine }).parse(RICH));
    expect(saxes).toEqual(fxp);
  });
});
