import { DATASETS } from '@isams-sync/isams';
import { expectedSections, methodOfSection, unexpectedSections } from './dataset-sections';

describe('dataset sections', () => {
  it.each([
    ['pupils', ['PupilManager/CurrentPupils']],
    ['contacts', ['PupilManager/Contacts']],
    ['staff', ['HRManager/CurrentStaff']],
    [
      'structure',
      [
        'SchoolManager/Years',
        'SchoolManager/Forms',
        'SchoolManager/AcademicHouses',
        'SchoolManager/BoardingHouses',
        'SchoolManager/SchoolDivisions',
        'SchoolManager/Terms',
      ],
    ],
    ['teaching', ['TeachingManager/Departments', 'TeachingManager/Sets', 'TeachingManager/SetLists']],
    ['photos', ['PupilManager/PupilPhotos']],
    ['medical', ['MedicalManager/PupilMedicalRecords']],
  ] as const)('%s expects %j', (dataset, sections) => {
    expect(expectedSections(dataset)).toEqual(sections);
  });

  it('every dataset expects at least one section', () => {
    for (const dataset of DATASETS) expect(expectedSections(dataset).length).toBeGreaterThan(0);
  });

  it('unexpectedSections keeps what the dataset does not use (photos may carry staff photos)', () => {
    expect(
      unexpectedSections('photos', ['PupilManager/PupilPhotos', 'HRManager/StaffPhotos', 'PupilManager/CurrentPupils']),
    ).toEqual(['PupilManager/CurrentPupils']);
    expect(unexpectedSections('pupils', ['PupilManager/CurrentPupils'])).toEqual([]);
  });

  it('methodOfSection maps a section back to its Batch method', () => {
    expect(methodOfSection('PupilManager/Pupils')).toBe('Pupil_GetSiblings');
    expect(methodOfSection('Custom/Thing')).toBeUndefined();
  });
});
