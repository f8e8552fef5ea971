import { DATASET_METHODS, DATASETS, type Dataset } from '@isams-sync/isams';
import { transformDocument } from '@isams-sync/normalise';
import { renderBatchString } from '../batch/batch-document.renderer';
import type { BatchFilters } from '../batch/batch-filters';
import { WIRE_PROFILES, type WireProfile } from '../batch/wire-profile';
import { generateSchoolData } from '../generate/school.generator';
import { GOLDEN_EVIDENCE, REAL_METHOD_SHAPES, REAL_SHAPES } from './real-shapes.fixture';
import { declaredEncoding, shapeDifferences, xmlShape } from './xml-shape';

// what the sync sends: contacts of current pupils (datasetRequest('contacts'))
const SENT: Partial<Record<Dataset, BatchFilters>> = { contacts: { contacts: { systemStatuses: [1] } } };

describe('golden shapes: the simulator answers in the shapes real iSAMS answers have', () => {
  const { data } = generateSchoolData({ seed: 7, pupils: 150, medical: true });
  const answer = (dataset: Dataset, profile: WireProfile) =>
    renderBatchString(data, DATASET_METHODS[dataset], SENT[dataset], profile);

  it.each(DATASETS)('the %s fixture describes itself (the shape reader sees what it should)', (dataset) => {
    expect(shapeDifferences(xmlShape(REAL_SHAPES[dataset]), xmlShape(REAL_SHAPES[dataset]))).toEqual([]);
    expect(GOLDEN_EVIDENCE[dataset].length).toBeGreaterThan(10);
  });

  it.each(DATASETS)('%s, real profile: every element path, attribute and value format of the real shape', (dataset) => {
    expect(shapeDifferences(xmlShape(REAL_SHAPES[dataset]), xmlShape(answer(dataset, WIRE_PROFILES.real)))).toEqual([]);
  });

  it.each(DATASETS)('%s, real profile: no utf-16 label, no lower-case id, no empty dates', (dataset) => {
    const xml = answer(dataset, WIRE_PROFILES.real);
    expect(declaredEncoding(xml)).toBe('utf-8');
    expect(xml).not.toMatch(/ id="/);
    expect(xml).not.toMatch(/<(DOB|LeavingDate|EnrolmentDate|LastUpdated|StartDate|FinishDate)\/>/);
  });

  it.each(Object.entries(REAL_METHOD_SHAPES))(
    '%s, real profile: the recorded (or client-read) shape',
    (method, fixture) => {
      const filters: BatchFilters = { registrationStatus: { startDate: data.today, endDate: data.today } };
      const xml = renderBatchString(data, [method], filters, WIRE_PROFILES.real);
      expect(shapeDifferences(xmlShape(fixture), xmlShape(xml))).toEqual([]);
    },
  );

  it('pupils, real profile: one CurrentPupils block holding every pupil', () => {
    const shape = xmlShape(answer('pupils', WIRE_PROFILES.real));
    expect(shape.get('iSAMS/PupilManager/CurrentPupils')?.maxRepeats).toBe(1);
    expect(shape.get('iSAMS/PupilManager/CurrentPupils/Pupil')?.maxRepeats).toBe(data.pupils.length);
  });

  it.each([
    ['pupils', /@id: spelt Id in the real shape/],
    ['staff', /LeavingDate: empty value where the real shape has datetime/],
    ['contacts', /@id: spelt Id in the real shape/],
  ] as const)('%s, hostile profile: departs from the real shape (%s), so these tests can fail', (dataset, problem) => {
    const differences = shapeDifferences(
      xmlShape(REAL_SHAPES[dataset]),
      xmlShape(answer(dataset, WIRE_PROFILES.hostile)),
    );
    expect(differences.join('\n')).toMatch(problem);
  });

  it('pupils, hostile profile: utf-16 label and two CurrentPupils blocks', () => {
    const xml = answer('pupils', WIRE_PROFILES.hostile);
    expect(declaredEncoding(xml)).toBe('utf-16');
    expect(xmlShape(xml).get('iSAMS/PupilManager/CurrentPupils')?.maxRepeats).toBe(2);
  });
});

describe('the transformer reads the hostile profile to the same records as the real one', () => {
  const { data } = generateSchoolData({ seed: 11, pupils: 200, medical: true });
  const records = (dataset: Dataset, profile: WireProfile) => {
    const result = transformDocument(
      dataset,
      renderBatchString(data, DATASET_METHODS[dataset], SENT[dataset], profile),
      { today: data.today },
    );
    return { records: result.records.map((record) => JSON.stringify(record)).sort(), counts: result.counts };
  };

  it.each(DATASETS)('%s', (dataset) => {
    const real = records(dataset, WIRE_PROFILES.real);
    const hostile = records(dataset, WIRE_PROFILES.hostile);
    expect(real.records.length).toBeGreaterThan(0);
    expect(hostile.counts).toEqual(real.counts);
    expect(hostile.records).toEqual(real.records);
  });
});
