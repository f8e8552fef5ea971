import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createIsamsXmlParser } from './isams-xml-parser.factory';
import { XML_ENGINES } from './tree-builders/xml-tree-builder';
import { childElements, descendants, textOf } from './xml-node';
import { XmlParseError, type XmlParseErrorCode } from './xml-parse.error';

function refusal(parse: () => unknown): XmlParseError {
  try {
    parse();
  } catch (error) {
    if (error instanceof XmlParseError) return error;
    throw new Error(`expected an XmlParseError, got ${String(error)}`);
  }
  throw new Error('expected the document to be refused, but it parsed');
}

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<iSAMS><PupilManager><CurrentPupils><Pupil Id="1"><Forename>&lol9;</Forename></Pupil></CurrentPupils></PupilManager></iSAMS>`;

const QUADRATIC_BLOWUP = `<!DOCTYPE r [<!ENTITY a "${'x'.repeat(50_000)}">]><r>${'&a;'.repeat(10_000)}</r>`;
const INTERNAL_ENTITY = '<!DOCTYPE iSAMS [<!ENTITY name "Injected">]><iSAMS><v>&name;</v></iSAMS>';
const XXE_FILE =
  '<?xml version="1.0"?><!DOCTYPE iSAMS [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><iSAMS><v>&xxe;</v></iSAMS>';
const XXE_IN_ATTRIBUTE = '<!DOCTYPE iSAMS [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><iSAMS v="&xxe;"/>';

describe.each(XML_ENGINES)('engine %s', (engine) => {
  const parser = createIsamsXmlParser({ engine });

  describe('hostile input: DOCTYPE and entity attacks are refused before anything expands', () => {
    it.each([
      ['billion laughs', BILLION_LAUGHS],
      ['quadratic blow-up', QUADRATIC_BLOWUP],
      ['an internal entity', INTERNAL_ENTITY],
      ['XXE to a file', XXE_FILE],
      ['XXE in an attribute value', XXE_IN_ATTRIBUTE],
      ['a DOCTYPE without entities', '<!DOCTYPE iSAMS><iSAMS/>'],
    ])('%s', (_what, xml) => {
      const error = refusal(() => parser.parse(xml));
      expect(error.code).toBe('doctype');
      expect(error.message).toBe('DOCTYPE declarations are not allowed (no entity is ever expanded)');
    });

    it('XXE to a file: nothing of the file appears anywhere', () => {
      const error = refusal(() => parser.parse(XXE_FILE));
      expect(`${error.message} ${String(error.cause ?? '')}`).not.toMatch(/root:|nologin|\/bin\//);
    });

    it('a DOCTYPE inside the root element is refused too', () => {
      const error = refusal(() => parser.parse('<iSAMS><!DOCTYPE x [<!ENTITY e "boom">]><v>&e;</v></iSAMS>'));
      expect(['doctype', 'malformed', 'invalid-reference']).toContain(error.code);
    });
  });

  describe('hostile input: external entities never reach the network', () => {
    let server: Server;
    let base: string;
    const requests: string[] = [];

    beforeAll(async () => {
      server = createServer((request: IncomingMessage, response) => {
        requests.push(request.url ?? '');
        response.end('<!ENTITY leak "CANARY-SECRET">');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('the loopback canary receives no request, and its content appears nowhere', async () => {
      const documents = [
        `<!DOCTYPE iSAMS [<!ENTITY xxe SYSTEM "${base}/entity">]><iSAMS><v>&xxe;</v></iSAMS>`,
        `<!DOCTYPE iSAMS SYSTEM "${base}/external.dtd"><iSAMS><v>&leak;</v></iSAMS>`,
        `<!DOCTYPE iSAMS PUBLIC "-//X//Y" "${base}/public.dtd"><iSAMS/>`,
        `<!DOCTYPE iSAMS [<!ENTITY % remote SYSTEM "${base}/parameter">%remote;]><iSAMS><v>&leak;</v></iSAMS>`,
      ];
      const outcomes = documents.map((xml) => {
        try {
          return JSON.stringify(parser.parse(xml));
        } catch (error) {
          return `${String(error)} ${String((error as Error).cause ?? '')}`;
        }
      });
      // A barrier instead of a sleep: had parsing started any request, it would have been opened before this one.
      const sentinel = await fetch(`${base}/sentinel`);
      await sentinel.text();
      expect(requests).toEqual(['/sentinel']);
      for (const outcome of outcomes) {
        expect(outcome).toMatch(/DOCTYPE declarations are not allowed/);
        expect(outcome).not.toContain('CANARY-SECRET');
      }
    });
  });

  describe('hostile input: nesting', () => {
    it('10,000-deep nesting is refused at the depth cap, not by a stack overflow', () => {
      const deep = '<a>'.repeat(10_000) + '</a>'.repeat(10_000);
      const error = refusal(() => parser.parse(deep));
      expect(error.code).toBe('too-deep');
      expect(error.message).toBe('elements are nested deeper than the limit of 256');
    });

    it('10,000 unclosed opening tags are refused the same way', () => {
      expect(refusal(() => parser.parse('<a>'.repeat(10_000))).code).toBe('too-deep');
    });
  });

  describe('hostile input: size cap', () => {
    it('a 200 MB body over a 64 MB cap is refused before it is decoded or parsed', () => {
      const body = Buffer.alloc(200 * 1024 * 1024, 0x20);
      body.write('<iSAMS>', 0);
      const capped = createIsamsXmlParser({ engine, maxBytes: 64 * 1024 * 1024 });
      const error = refusal(() => capped.parse(body));
      expect(error.code).toBe('too-large');
      expect(error.message).toBe(`the document is ${200 * 1024 * 1024} bytes, over the limit of ${64 * 1024 * 1024}`);
    });

    it('counts a string input in UTF-8 bytes', () => {
      const capped = createIsamsXmlParser({ engine, maxBytes: 20 });
      expect(() => capped.parse('<r>éééééé</r>')).not.toThrow(); // 19 bytes
      expect(refusal(() => capped.parse('<r>ééééééé</r>')).code).toBe('too-large'); // 21 bytes
    });
  });

  describe('hostile input: characters XML forbids become U+FFFD (decision: replace and count, never fail the dataset)', () => {
    it.each([
      ['&#0;', 1],
      ['&#x0;', 1],
      ['&#xFFFFFFFF;', 1],
      ['&#99999999999999999999;', 1],
      ['&#xD800;', 1],
      ['&#xDFFF;', 1],
      ['&#x1;', 1],
      ['&#xFFFE;', 1],
      ['\u0001', 1],
      ['\u0000', 1],
      ['\u000B\u000C', 2],
    ])('%j', (raw, replaced) => {
      const parsed = parser.parse(`<r><v a="${raw}">x${raw}y</v></r>`);
      const [v] = childElements(parsed.root, 'v');
      expect(textOf(v)).toBe(`x${'\uFFFD'.repeat(replaced)}y`);
      expect(parsed.replacedCharacters).toBe(replaced * 2);
    });

    it('keeps valid references next to invalid ones', () => {
      const parsed = parser.parse('<r><v>&#233;&#0;&amp;#0;&#x10FFFF;</v></r>');
      expect(textOf(childElements(parsed.root, 'v')[0])).toBe('é\uFFFD&#0;\u{10FFFF}');
      expect(parsed.replacedCharacters).toBe(1);
    });
  });

  describe('hostile input: broken and non-XML documents get a one-line reason', () => {
    const DOCUMENT =
      '<?xml version="1.0" encoding="utf-16"?><iSAMS><PupilManager><CurrentPupils>' +
      '<Pupil Id="1"><SchoolId>000123</SchoolId><Forename>Siobhán</Forename><Surname>O&apos;Brien</Surname></Pupil>' +
      '<Pupil Id="2"><SchoolId>000124</SchoolId><Forename>Zoë</Forename><Title/></Pupil>' +
      '</CurrentPupils></PupilManager></iSAMS>';

    it('the complete document parses', () => {
      expect(descendants(parser.parse(DOCUMENT).root, ['PupilManager', 'CurrentPupils', 'Pupil'])).toHaveLength(2);
    });

    it('every truncation of it is refused (a cut-off snapshot never looks like a smaller school)', () => {
      const accepted: number[] = [];
      for (let length = 0; length < DOCUMENT.length; length++) {
        try {
          parser.parse(DOCUMENT.slice(0, length));
          accepted.push(length);
        } catch (error) {
          expect(error).toBeInstanceOf(XmlParseError);
          expect((error as XmlParseError).message).not.toMatch(/[\r\n]/);
          expect((error as XmlParseError).message).not.toMatch(/Siobhán|Zoë|O'Brien|000123/);
        }
      }
      expect(accepted).toEqual([]);
    });

    it.each<[string, string | Buffer, XmlParseErrorCode]>([
      ['empty', '', 'empty'],
      ['whitespace', '  \n\t ', 'empty'],
      ['JSON', '{"pupils":[]}', 'not-xml'],
      ['plain text', 'Service Unavailable', 'not-xml'],
      ['binary', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0x00, 0x41]), 'not-xml'],
      ['an HTML error page', '<html><body><h1>502 Bad Gateway</h1><br></body></html>', 'malformed'],
      ['mismatched tags', '<iSAMS><A></B></iSAMS>', 'malformed'],
      ['two roots', '<iSAMS/><iSAMS/>', 'malformed'],
      ['text after the root', '<iSAMS/>trailing', 'malformed'],
      ['only a declaration', '<?xml version="1.0"?>', 'malformed'],
      ['an unclosed comment', '<iSAMS><!-- never closed', 'malformed'],
      ['an unclosed CDATA', '<iSAMS><![CDATA[ never closed', 'malformed'],
      ['an unquoted attribute', '<iSAMS Id=1/>', 'malformed'],
      ['a duplicate attribute', '<iSAMS Id="1" Id="2"/>', 'malformed'],
      ['an invalid element name', '<iSAMS><@_Id>5</@_Id></iSAMS>', 'malformed'],
    ])('%s', (_what, input, code) => {
      const error = refusal(() => parser.parse(input));
      expect(error.code).toBe(code);
      expect(error.message).not.toMatch(/[\r\n]/);
      expect(error.message.length).toBeLessThanOrEqual(300);
    });
  });
});
