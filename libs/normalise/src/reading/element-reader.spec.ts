import { childElements, parseIsamsDocument, type XmlNode } from '@isams-sync/isams';
import { attributeText, fieldText, idOf, isLegacy, recordRef } from './element-reader';

const item = (inner: string, attributes = ''): XmlNode =>
  childElements(parseIsamsDocument(`<iSAMS><Item ${attributes}>${inner}</Item></iSAMS>`).root, 'Item')[0];

describe('element-reader', () => {
  it.each([
    ['Id="12"', '12'],
    ['id="12"', '12'],
    ['ID="12"', undefined],
    ['Id="  12 "', '12'],
    ['Id=""', undefined],
    ['Id="   "', undefined],
    ['Id="0042"', '0042'],
  ])('attributeText(%s, "Id") → %j', (attributes, expected) => {
    expect(attributeText(item('', attributes), 'Id')).toBe(expected);
  });

  it('reads lower-case first letters of longer attribute names too', () => {
    expect(attributeText(item('', 'personGuid="g"'), 'PersonGuid')).toBe('g');
    expect(attributeText(item('', 'staffid="9"'), 'StaffId')).toBe('9');
  });

  it.each([
    ['<Legacy/>', '', false],
    ['', 'Legacy="True"', true],
    ['', 'Legacy="true"', true],
    ['', 'Legacy="1"', true],
    ['', 'Legacy="False"', false],
    ['', 'legacy="True"', true],
  ])('isLegacy(%s %s) is %s', (inner, attributes, expected) => {
    expect(isLegacy(item(inner, attributes))).toBe(expected);
  });

  describe('fieldText', () => {
    it.each([
      ['<Name>  Zoë </Name>', 'Zoë'],
      ['<Name/>', undefined],
      ['<Name>&#x20;</Name>', undefined],
      ['<Name>   </Name>', undefined],
      ['', undefined],
      ['<Name Legacy="True">ABC</Name>', undefined],
      ['<Name Legacy="True">ABC</Name><Name>Current</Name>', 'Current'],
      ['<Name/><Name>Second</Name>', 'Second'],
      ['<Name Code="x">With attribute</Name>', 'With attribute'],
      ['<Name>O&apos;Brien &amp; Sons</Name>', "O'Brien & Sons"],
    ])('%s → %j', (inner, expected) => {
      expect(fieldText(item(inner), 'Name')).toBe(expected);
    });
  });

  describe('idOf: the attribute wins, Legacy children only when nothing else carries the id', () => {
    it.each([
      ['StaffId="45"', '<StaffId Legacy="True">JBL</StaffId>', '45'],
      ['staffId="45"', '<StaffId Legacy="True">JBL</StaffId>', '45'],
      ['', '<StaffId>46</StaffId><StaffId Legacy="True">JBL</StaffId>', '46'],
      ['', '<StaffId Legacy="True">JBL</StaffId>', 'JBL'],
      ['StaffId=" "', '<StaffId>47</StaffId>', '47'],
      ['', '', undefined],
    ])('%s %s → %j', (attributes, inner, expected) => {
      expect(idOf(item(inner, attributes), 'StaffId')).toBe(expected);
    });
  });

  it('recordRef names a record by position and ids, leaving absent ids out', () => {
    expect(recordRef('PupilManager/CurrentPupils/Pupil', 3, { Id: '12', SchoolId: undefined })).toBe(
      'PupilManager/CurrentPupils/Pupil[3] Id=12',
    );
  });
});
