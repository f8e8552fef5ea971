import type { SimulatedMedicalRecord, PupilRecord } from '../model/school-data';
import type { SeededRandom } from '../random/seeded-random';
import { ALLERGIES, CONDITIONS, DIETS, MEDICATIONS } from './name-pools';

/** About one pupil in six has something the school nurse records. */
export function medicalRecordFor(
  rng: SeededRandom,
  pupil: PupilRecord,
  id: number,
): SimulatedMedicalRecord | undefined {
  if (!rng.chance(0.17)) return undefined;
  const conditions = rng.sample(
    CONDITIONS,
    rng.weighted([
      [0, 3],
      [1, 5],
      [2, 1],
    ] as const),
  );
  const allergies = rng.sample(
    ALLERGIES,
    rng.weighted([
      [0, 4],
      [1, 4],
      [2, 1],
    ] as const),
  );
  const medications = rng.sample(MEDICATIONS, conditions.length > 0 && rng.chance(0.6) ? 1 : 0);
  return {
    id,
    schoolId: pupil.schoolId,
    conditions: conditions.map(([name, severity, detail]) => ({ name, severity, detail })),
    allergies: allergies.map(([name, severity, detail]) => ({ name, severity, detail })),
    medications: medications.map(([name, dosage]) => ({ name, dosage })),
    dietaryRequirements: rng.chance(0.2) ? rng.pick(DIETS) : '',
    notes: rng.chance(0.3) ? 'Parents to be called first; GP details on file & up to date' : '',
  };
}

export function buildMedical(
  rng: SeededRandom,
  pupils: readonly PupilRecord[],
  nextId: () => number,
): SimulatedMedicalRecord[] {
  const records: SimulatedMedicalRecord[] = [];
  for (const pupil of pupils) {
    const record = medicalRecordFor(rng, pupil, 0);
    if (record) records.push({ ...record, id: nextId() });
  }
  return records;
}
