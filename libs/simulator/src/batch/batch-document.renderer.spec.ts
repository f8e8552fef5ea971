import { DATASET_METHODS, ERROR_MESSAGE } from '@isams-sync/isams';
import { XMLParser } from 'fast-xml-parser';
import { generateSchoolData } from '../generate/school.generator';
import { batchErrors, errorXml } from './batch-error';
import { hasRequiredFilter, renderBatchString, REQUIRED_FILTERS } from './batch-document.renderer';
import { WIRE_PROFILES } from './wire-profile';

const HOSTILE = WIRE_PROFILES.hostile;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  htmlEntities: true,
  isArray: () => true,
});
type Tree = Record<string, Tree[] | string>;
const parse = (xml: string) => parser.parse(xml) as Tree;
const path = (tree: Tree, ...names: string[]): Tree[] =>
  names.reduce<Tree[]>(
    (nodes, name) => nodes.flatMap((node) => (Array.isArray(node[name]) ? (node[name] as Tree[]) : [])),
    [tree],
  );

describe('renderBatchString', () => {
  const { data } = generateSchoolData({ seed: 42, pupils: 120, medical: true });

  it('is byte-identical for the same seed and size, and differs for another seed', () => {
    for (const methods of Object.values(DATASET_METHODS)) {
      const again = generateSchoolData({ seed: 42, pupils: 120, medical: true }).data;
      expect(renderBatchString(again, methods)).toBe(renderBatchString(data, methods));
    }
    const other = generateSchoolData({ seed: 43, pupils: 120 }).data;
    expect(renderBatchString(other, DATASET_METHODS.pupils)).not.toBe(renderBatchString(data, DATASET_METHODS.pupils));
  });

  it.each(Object.entries(DATASET_METHODS))(
    'declares utf-8 on the %s answer of the real profile',
    (_dataset, methods) => {
      expect(renderBatchString(data, methods).startsWith('<?xml version="1.0" encoding="utf-8"?>\r\n<iSAMS>')).toBe(
        true,
      );
    },
  );

  it('declares utf-16 on people data over UTF-8 bytes in the hostile profile, utf-8 elsewhere', () => {
    expect(
      renderBatchString(data, DATASET_METHODS.pupils, {}, HOSTILE).startsWith(
        '<?xml version="1.0" encoding="utf-16"?>\r\n<iSAMS>',
      ),
    ).toBe(true);
    expect(
      renderBatchString(data, DATASET_METHODS.structure, {}, HOSTILE).startsWith(
        '<?xml version="1.0" encoding="utf-8"?>',
      ),
    ).toBe(true);
  });

  it.each([
    ['real', WIRE_PROFILES.real, 1, false],
    ['hostile', HOSTILE, 2, true],
  ] as const)(
    'writes every current pupil (%s: %i CurrentPupils block(s), lower-case ids %p)',
    (_name, profile, blockCount, lowerCase) => {
      const tree = parse(renderBatchString(data, DATASET_METHODS.pupils, {}, profile));
      expect(path(tree, 'iSAMS', 'PupilManager', 'CurrentPupils')).toHaveLength(blockCount);
      const pupils = path(tree, 'iSAMS', 'PupilManager', 'CurrentPupils', 'Pupil');
      const ids = pupils.map((pupil) => String(pupil['@Id'] ?? pupil['@id']));
      expect(ids.sort()).toEqual(data.pupils.map((pupil) => String(pupil.id)).sort());
      expect(pupils.some((pupil) => pupil['@id'] !== undefined)).toBe(lowerCase);
    },
  );

  it('keeps the quirks a parser must survive in the hostile profile', () => {
    const pupils = renderBatchString(data, DATASET_METHODS.pupils, {}, HOSTILE);
    expect(pupils).toContain('<Title/>');
    expect(pupils).toContain('&#x20;');
    expect(pupils).toMatch(/<Pupil id="\d+"/);
    expect(renderBatchString(data, DATASET_METHODS.staff, {}, HOSTILE)).toContain('<LeavingDate/>');
  });

  it('writes what real answers hold in the real profile, and none of the hostile quirks', () => {
    const pupils = renderBatchString(data, DATASET_METHODS.pupils);
    expect(pupils).toContain('<Title/>');
    expect(pupils).not.toContain('&#x20;');
    expect(pupils).not.toMatch(/ id="/);
    expect(pupils).toContain('RowVersion="0x');
    expect(pupils).toMatch(/<SchoolCode>0\d{5}<\/SchoolCode>/);
    expect(renderBatchString(data, DATASET_METHODS.staff)).not.toContain('<LeavingDate/>');
    const contacts = renderBatchString(data, DATASET_METHODS.contacts);
    expect(contacts).toContain('&amp;');
    expect(contacts).toContain('&apos;');
    const teaching = renderBatchString(data, DATASET_METHODS.teaching);
    expect(teaching).toMatch(/<SchoolId Legacy="True">\d{12}<\/SchoolId>/);
    expect(teaching).toMatch(/<Teacher StaffId="\d+" PrimaryTeacher="True"\/>/);
    expect(teaching).not.toMatch(/PrimaryTeacher="[01]"/);
    expect(renderBatchString(data, DATASET_METHODS.structure)).toMatch(/<Tutor Legacy="True">/);
  });

  it('puts the sections of one module inside one module element, in method order', () => {
    const xml = renderBatchString(data, [
      'ContactAdvanced_GetContacts',
      'School_GetAllYears',
      'Pupil_GetCurrentPupils',
    ]);
    expect(xml.match(/<PupilManager>/g)).toHaveLength(1);
    expect(xml.indexOf('<Contacts>')).toBeLessThan(xml.indexOf('<CurrentPupils>'));
    expect(xml.indexOf('</PupilManager>')).toBeLessThan(xml.indexOf('<SchoolManager>'));
  });

  it('writes an empty pupils feed as an empty collection', () => {
    expect(renderBatchString({ ...data, pupilsFeed: 'empty' }, DATASET_METHODS.pupils)).toContain('<CurrentPupils/>');
    const half = parse(renderBatchString({ ...data, pupilsFeed: 'truncated-half' }, DATASET_METHODS.pupils));
    expect(path(half, 'iSAMS', 'PupilManager', 'CurrentPupils', 'Pupil')).toHaveLength(60);
  });

  it('filters contacts by type and by pupil status', () => {
    const leaverLinked = {
      ...data,
      contacts: data.contacts.map((contact, index) =>
        index === 0
          ? { ...contact, pupils: contact.pupils.map((link) => ({ ...link, status: -1 as const })) }
          : contact,
      ),
    };
    const all = path(
      parse(renderBatchString(leaverLinked, DATASET_METHODS.contacts)),
      'iSAMS',
      'PupilManager',
      'Contacts',
      'Contact',
    );
    expect(all).toHaveLength(data.contacts.length);
    const filtered = path(
      parse(
        renderBatchString(leaverLinked, DATASET_METHODS.contacts, {
          contacts: { contactTypes: ['mother', 'FATHER'], systemStatuses: [1] },
        }),
      ),
      'iSAMS',
      'PupilManager',
      'Contacts',
      'Contact',
    );
    const expected = leaverLinked.contacts.filter(
      (contact) =>
        ['Mother', 'Father'].includes(contact.relationship) && contact.pupils.some((link) => link.status === 1),
    );
    expect(filtered).toHaveLength(expected.length);
    expect(
      filtered.every((contact) => ['Mother', 'Father'].includes((contact.RelationshipRaw as unknown as string[])[0])),
    ).toBe(true);
  });

  it('writes photos as base64 JPEGs, one per pupil', () => {
    const photos = path(
      parse(renderBatchString(data, DATASET_METHODS.photos)),
      'iSAMS',
      'PupilManager',
      'PupilPhotos',
      'PupilPhoto',
    );
    expect(photos).toHaveLength(data.pupils.length);
    const bytes = Buffer.from((photos[0].Data as unknown as string[])[0], 'base64');
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });

  it('requires the filters the method table marks as required, and at least one attribute of them', () => {
    expect(Object.keys(REQUIRED_FILTERS).sort()).toEqual([
      'ContactAdvanced_GetContacts',
      'Registration_GetOutOfSchoolPupils',
      'Registration_GetRegistrationPeriods',
      'Registration_GetRegistrationStatus',
    ]);
    expect(hasRequiredFilter('ContactAdvanced_GetContacts', {})).toBe(false);
    expect(hasRequiredFilter('ContactAdvanced_GetContacts', { contacts: {} })).toBe(false);
    expect(hasRequiredFilter('ContactAdvanced_GetContacts', { contacts: { systemStatuses: [1] } })).toBe(true);
    expect(hasRequiredFilter('Pupil_GetCurrentPupils', {})).toBe(true);
  });

  it('refuses a method it does not know', () => {
    expect(() => renderBatchString(data, ['Pupil_GetEverything'])).toThrow('unknown iSAMS method');
  });

  it('writes error bodies the way iSAMS does', () => {
    const xml = errorXml(batchErrors.deadlock());
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-16"?>')).toBe(true);
    const message = path(parse(xml), ERROR_MESSAGE.root)[0];
    expect(message[ERROR_MESSAGE.messageId]).toEqual(['UnhandledException']);
    expect((message[ERROR_MESSAGE.description] as unknown as string[])[0]).toContain('Rerun the transaction');
  });
});
