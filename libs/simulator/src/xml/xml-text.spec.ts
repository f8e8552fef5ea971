import { attributes, collection, element, escapeXml, isamsDate } from './xml-text';

describe('xml text', () => {
  it.each([
    ["O'Brien", 'O&apos;Brien'],
    ['Drama & Theatre', 'Drama &amp; Theatre'],
    ['a < b > c', 'a &lt; b &gt; c'],
    ['say "hi"', 'say &quot;hi&quot;'],
    [' ', '&#x20;'],
    ['  ', '&#x20;&#x20;'],
    ['Zoë Nguyễn', 'Zoë Nguyễn'],
    ['', ''],
  ])('escapes %j as %j', (value, expected) => {
    expect(escapeXml(value)).toBe(expected);
  });

  it('writes empty values as self-closed elements and keeps leading zeros', () => {
    expect(element(1, 'Title', '')).toBe('  <Title/>\r\n');
    expect(element(0, 'SchoolCode', '000123')).toBe('<SchoolCode>000123</SchoolCode>\r\n');
    expect(element(0, 'SchoolId', 'x', { Legacy: 'True' })).toBe('<SchoolId Legacy="True">x</SchoolId>\r\n');
  });

  it('skips undefined attributes and escapes values', () => {
    expect(attributes({ Id: 1, Name: "O'Neill", Gone: undefined })).toBe(' Id="1" Name="O&apos;Neill"');
  });

  it('writes dates without a timezone', () => {
    expect(isamsDate('1948-05-15')).toBe('1948-05-15T00:00:00');
    expect(isamsDate('')).toBe('');
    expect(isamsDate('2026-11-23T08:55:00')).toBe('2026-11-23T08:55:00');
  });

  it('writes an empty collection as one self-closed element and a full one lazily', () => {
    expect([...collection(1, 'Sets', [])]).toEqual(['  <Sets/>\r\n']);
    let produced = 0;
    const records = (function* () {
      produced++;
      yield 'a';
      produced++;
      yield 'b';
    })();
    const chunks = collection(0, 'X', records);
    expect(chunks.next().value).toBe('<X>\r\n');
    expect(produced).toBe(1);
    expect([...chunks]).toEqual(['a', 'b', '</X>\r\n']);
  });
});
