import { BATCH_METHODS, DATASET_METHODS, SECTIONS, type BatchMethod, type Dataset } from '@isams-sync/isams';
import { sectionPathOf, type SectionMethod } from './reading/section-reader';

/** Sections a dataset's key may return besides its required ones without being told to untick them. */
const OPTIONAL_METHODS: Readonly<Partial<Record<Dataset, readonly BatchMethod[]>>> = {
  photos: [BATCH_METHODS.staffPhotos],
};

export function isSectionMethod(method: string): method is SectionMethod {
  return Object.prototype.hasOwnProperty.call(SECTIONS, method);
}

function pathsOf(methods: readonly BatchMethod[]): string[] {
  return methods.filter(isSectionMethod).map(sectionPathOf);
}

/** `Module/Collection` of every section the dataset needs (a missing one makes it incomplete). */
export function expectedSections(dataset: Dataset): string[] {
  return pathsOf(DATASET_METHODS[dataset]);
}

/** Sections that are present but belong to no method of this dataset: ticked on the key by mistake. */
export function unexpectedSections(dataset: Dataset, present: readonly string[]): string[] {
  const allowed = new Set([...expectedSections(dataset), ...pathsOf(OPTIONAL_METHODS[dataset] ?? [])]);
  return present.filter((section) => !allowed.has(section));
}

/** The Batch method whose section this is, when the sync knows it. */
export function methodOfSection(sectionPath: string): SectionMethod | undefined {
  return (Object.keys(SECTIONS) as SectionMethod[]).find((method) => sectionPathOf(method) === sectionPath);
}
