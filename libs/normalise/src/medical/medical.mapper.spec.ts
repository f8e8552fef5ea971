import { medicalRecordSchema } from '@isams-sync/contracts';
import { parseIsamsDocument } from '@isams-sync/isams';
import { MEDICAL_XML } from '../fixtures/isams-documents.fixture';
import { mapMedical } from './medical.mapper';

const records = (inner: string) =>
  `<iSAMS><MedicalManager><PupilMedicalRecords>${inner}</PupilMedicalRecords></MedicalManager></iSAMS>`;
const map = (xml: string) => mapMedical(parseIsamsDocument(xml).root);

describe('mapMedical', () => {
  const result = map(MEDICAL_XML);

  it('maps conditions, allergies, medications, diet and notes', () => {
    expect(result.records).toEqual([
      {
        type: 'medical',
        isamsId: '77',
        studentId: '000123',
        conditions: [{ name: 'Asthma', severity: 'Moderate', notes: 'Inhaler in bag' }],
        allergies: [{ name: 'Peanuts', severity: 'Severe', reaction: 'Anaphylaxis' }],
        medications: [{ name: 'Salbutamol', dosage: '2 puffs' }],
        dietaryRequirements: 'Nut free',
      },
    ]);
    for (const record of result.records) expect(medicalRecordSchema.parse(record)).toEqual(record);
  });

  it('an unnamed entry and a record without SchoolId are findings that quote no medical data', () => {
    expect(result.findings).toEqual([
      expect.objectContaining({
        kind: 'missing-field',
        severity: 'warning',
        recordRef: 'MedicalManager/PupilMedicalRecords/PupilMedicalRecord[1] Id=77 SchoolId=000123',
      }),
      expect.objectContaining({
        kind: 'missing-id',
        severity: 'error',
        recordRef: 'MedicalManager/PupilMedicalRecords/PupilMedicalRecord[2] Id=78',
      }),
    ]);
    expect(JSON.stringify(result.findings)).not.toMatch(/Mild|Asthma|Peanuts/);
  });

  it('one-item lists are lists; empty ones are empty', () => {
    const { records: mapped } = map(
      records(
        '<PupilMedicalRecord id="1"><SchoolId>5</SchoolId><Allergies><Allergy><Name>Latex</Name></Allergy></Allergies><Conditions/></PupilMedicalRecord>',
      ),
    );
    expect(mapped).toEqual([
      {
        type: 'medical',
        isamsId: '1',
        studentId: '5',
        conditions: [],
        allergies: [{ name: 'Latex' }],
        medications: [],
      },
    ]);
  });
});
