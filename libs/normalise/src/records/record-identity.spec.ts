import type { NormalisedRecord, PhotoRecord, StudentRecord } from '@isams-sync/contracts';
import { contentHash, recordIdentity, recordKey, serialiseRecord } from './record-identity';

const student: StudentRecord = {
  type: 'student',
  isamsId: '000123',
  pupilId: '1',
  forename: 'Zoë',
  surname: "O'Brien",
  ncYear: 7,
};

describe('recordKey', () => {
  it.each<[NormalisedRecord, string]>([
    [student, 'student:000123'],
    [{ type: 'contact', isamsId: '5', studentIds: [], mailMerge: true, correspondence: false }, 'contact:5'],
    [{ type: 'staff', isamsId: '45', teaching: true, divisions: [], status: 'current' }, 'staff:45'],
    [{ type: 'yearGroup', isamsId: '7' }, 'yearGroup:7'],
    [{ type: 'form', isamsId: '7A', name: '7A' }, 'form:7A'],
    [{ type: 'house', isamsId: '1', kind: 'academic' }, 'house:academic:1'],
    [{ type: 'house', isamsId: '1', kind: 'boarding' }, 'house:boarding:1'],
    [{ type: 'subject', isamsId: '12' }, 'subject:12'],
    [{ type: 'set', isamsId: '900', teacherIds: [], pupilIds: [] }, 'set:900'],
    [
      {
        type: 'photo',
        ownerKind: 'staff',
        ownerId: '45',
        contentType: 'image/png',
        byteLength: 1,
        sha256: 'a'.repeat(64),
        dataBase64: 'AA==',
      },
      'photo:staff:45',
    ],
    [{ type: 'medical', isamsId: '77', studentId: '1', conditions: [], allergies: [], medications: [] }, 'medical:77'],
  ])('%j → %s', (record, key) => {
    expect(recordKey(record)).toBe(key);
  });
});

describe('serialiseRecord and contentHash', () => {
  it("use the schema's field order, whatever order fields were set in", () => {
    const reordered: StudentRecord = {
      ncYear: 7,
      surname: "O'Brien",
      forename: 'Zoë',
      pupilId: '1',
      isamsId: '000123',
      type: 'student',
    };
    expect(serialiseRecord(reordered)).toBe(
      '{"type":"student","isamsId":"000123","pupilId":"1","forename":"Zoë","surname":"O\'Brien","ncYear":7}',
    );
    expect(contentHash(reordered)).toBe(contentHash(student));
  });

  it('orders nested medical entries too', () => {
    const record: NormalisedRecord = {
      type: 'medical',
      isamsId: '1',
      studentId: '2',
      conditions: [{ notes: 'n', name: 'a' }],
      allergies: [],
      medications: [{ dosage: 'd', name: 'm' }],
    };
    expect(serialiseRecord(record)).toBe(
      '{"type":"medical","isamsId":"1","studentId":"2","conditions":[{"name":"a","notes":"n"}],"allergies":[],"medications":[{"name":"m","dosage":"d"}]}',
    );
  });

  it('changes when any value changes, and not otherwise', () => {
    const hash = contentHash(student);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHash({ ...student })).toBe(hash);
    expect(contentHash({ ...student, surname: "O'Brian" })).not.toBe(hash);
    expect(contentHash({ ...student, ncYear: 8 })).not.toBe(hash);
    const { pupilId: _dropped, ...withoutPupilId } = student;
    expect(contentHash(withoutPupilId)).not.toBe(hash);
  });

  it('leaves the photo base64 out (its sha256 stands for the image)', () => {
    const photo: PhotoRecord = {
      type: 'photo',
      ownerKind: 'student',
      ownerId: '1',
      contentType: 'image/png',
      byteLength: 3,
      sha256: 'b'.repeat(64),
      dataBase64: 'AAAA',
    };
    expect(serialiseRecord(photo)).not.toContain('AAAA');
    expect(contentHash({ ...photo, dataBase64: 'BBBB' })).toBe(contentHash(photo));
    expect(contentHash({ ...photo, sha256: 'c'.repeat(64) })).not.toBe(contentHash(photo));
  });

  it('recordIdentity gives both', () => {
    expect(recordIdentity(student)).toEqual({ key: 'student:000123', hash: contentHash(student) });
  });
});
