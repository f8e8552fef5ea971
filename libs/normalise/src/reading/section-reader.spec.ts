import { parseIsamsDocument } from '@isams-sync/isams';
import { listSections, readSection } from './section-reader';

const rootOf = (xml: string) => parseIsamsDocument(xml).root;

describe('readSection', () => {
  it('merges every CurrentPupils block, across repeated modules too, in document order', () => {
    const root = rootOf(
      '<iSAMS><PupilManager><CurrentPupils><Pupil Id="1"/><Pupil Id="2"/></CurrentPupils><CurrentPupils><Pupil Id="3"/></CurrentPupils></PupilManager>' +
        '<HRManager/><PupilManager><CurrentPupils><Pupil Id="4"/></CurrentPupils></PupilManager></iSAMS>',
    );
    const section = readSection(root, 'Pupil_GetCurrentPupils');
    expect(section.present).toBe(true);
    expect(section.items).toHaveLength(4);
    expect(section.itemPath).toBe('PupilManager/CurrentPupils/Pupil');
    expect(section.sectionPath).toBe('PupilManager/CurrentPupils');
  });

  it.each([
    ['an empty collection element', '<iSAMS><PupilManager><CurrentPupils/></PupilManager></iSAMS>', true],
    [
      'a collection with whitespace',
      '<iSAMS><PupilManager><CurrentPupils>  </CurrentPupils></PupilManager></iSAMS>',
      true,
    ],
    ['no collection', '<iSAMS><PupilManager><Contacts/></PupilManager></iSAMS>', false],
    ['no module', '<iSAMS/>', false],
  ])('%s: present=%s, no items', (_what, xml, present) => {
    const section = readSection(rootOf(xml), 'Pupil_GetCurrentPupils');
    expect(section.present).toBe(present);
    expect(section.items).toEqual([]);
  });
});

describe('listSections', () => {
  it('lists known and unknown sections once each, in document order', () => {
    const root = rootOf(
      '<iSAMS><PupilManager><CurrentPupils/><Siblings/></PupilManager><PupilManager><CurrentPupils/></PupilManager>' +
        '<SchoolManager><Years/></SchoolManager><CustomModule><Things/></CustomModule><EmptyModule/></iSAMS>',
    );
    expect(listSections(root)).toEqual([
      'PupilManager/CurrentPupils',
      'PupilManager/Siblings',
      'SchoolManager/Years',
      'CustomModule/Things',
      'EmptyModule',
    ]);
  });
});
