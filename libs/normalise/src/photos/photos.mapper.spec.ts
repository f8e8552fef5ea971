import { photoRecordSchema } from '@isams-sync/contracts';
import { parseIsamsDocument } from '@isams-sync/isams';
import { PHOTOS_XML, PNG_BASE64 } from '../fixtures/isams-documents.fixture';
import { mapPhotos } from './photos.mapper';

const pupilPhotos = (inner: string) =>
  `<iSAMS><PupilManager><PupilPhotos>${inner}</PupilPhotos></PupilManager></iSAMS>`;
const map = (xml: string) => mapPhotos(parseIsamsDocument(xml).root);
const PNG_SHA256 = '6b7fa434f92a8b80aab02d9bf1a12e49ffcae424e4013a1c4f68b67e3d2bbcd0';
const JPEG_BASE64 = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]).toString('base64');

describe('mapPhotos: the fixture document', () => {
  const result = map(PHOTOS_XML);

  it('maps pupil and staff photos with owner, type, length and hash of the image', () => {
    expect(result.records).toEqual([
      {
        type: 'photo',
        ownerKind: 'student',
        ownerId: '000123',
        contentType: 'image/png',
        byteLength: 70,
        sha256: PNG_SHA256,
        lastUpdated: '2025-09-01T08:30:00',
        dataBase64: PNG_BASE64,
      },
      {
        type: 'photo',
        ownerKind: 'staff',
        ownerId: '45',
        contentType: 'image/png',
        byteLength: 70,
        sha256: PNG_SHA256,
        dataBase64: PNG_BASE64,
      },
    ]);
    for (const record of result.records) expect(photoRecordSchema.parse(record)).toEqual(record);
  });

  it('skips the unreadable photo with a warning that does not quote its data', () => {
    expect(result.findings).toEqual([
      expect.objectContaining({
        kind: 'invalid-value',
        recordRef: 'PupilManager/PupilPhotos/PupilPhoto[2] SchoolId=000124',
      }),
    ]);
    expect(JSON.stringify(result.findings)).not.toContain('not base64!');
  });
});

describe('mapPhotos: quirks', () => {
  it.each([
    [
      'a JPEG without a content type is recognised',
      `<PupilPhoto SchoolId="1"><Data>${JPEG_BASE64}</Data></PupilPhoto>`,
      'image/jpeg',
    ],
    [
      'the sent content type wins',
      `<PupilPhoto SchoolId="1"><ContentType>image/x-custom</ContentType><Data>${JPEG_BASE64}</Data></PupilPhoto>`,
      'image/x-custom',
    ],
    [
      'a lower-case schoolId attribute',
      `<PupilPhoto schoolId="1"><Data>${PNG_BASE64}</Data></PupilPhoto>`,
      'image/png',
    ],
  ])('%s', (_what, inner, contentType) => {
    const { records, findings } = map(pupilPhotos(inner));
    expect(records).toEqual([expect.objectContaining({ ownerId: '1', contentType })]);
    expect(findings).toEqual([]);
  });

  it.each([
    ['no data', '<PupilPhoto SchoolId="1"><Data/></PupilPhoto>', 'invalid-value'],
    ['data that is not base64', '<PupilPhoto SchoolId="1"><Data>@@@@</Data></PupilPhoto>', 'invalid-value'],
    [
      'an unrecognisable image with no content type',
      `<PupilPhoto SchoolId="1"><Data>${Buffer.from('hello world').toString('base64')}</Data></PupilPhoto>`,
      'invalid-value',
    ],
    ['no owner id', `<PupilPhoto><Data>${PNG_BASE64}</Data></PupilPhoto>`, 'missing-id'],
  ])('a photo with %s is skipped with a finding', (_what, inner, kind) => {
    const { records, findings } = map(pupilPhotos(inner));
    expect(records).toEqual([]);
    expect(findings).toEqual([expect.objectContaining({ kind })]);
  });
});
