import type { Finding, NormalisedRecord, NormalisedRecordType } from '@isams-sync/contracts';
import {
  DATASET_METHODS,
  createIsamsXmlParser,
  parseIsamsDocument,
  type Dataset,
  type IsamsXmlParser,
  type XmlElement,
  type XmlEngine,
  type XmlParserLimits,
} from '@isams-sync/isams';
import { mapContacts } from './contacts/contacts.mapper';
import { isSectionMethod, methodOfSection, unexpectedSections } from './dataset-sections';
import { FINDING_KINDS, FindingCollector } from './findings/finding.collector';
import type { MappingResult } from './mapping-result';
import { mapMedical } from './medical/medical.mapper';
import { mapPhotos } from './photos/photos.mapper';
import { mapPupils, type StructureContext } from './pupils/pupils.mapper';
import { listSections, readSection } from './reading/section-reader';
import { mapStaff } from './staff/staff.mapper';
import { mapStructure } from './structure/structure.mapper';
import { mapTeaching } from './teaching/teaching.mapper';

export interface TransformOptions {
  /** The school's local date (YYYY-MM-DD): staff whose LeavingDate is before it have left. */
  readonly today: string;
  /** The school's year groups (from its structure dataset): students then get `yearGroup`. */
  readonly structure?: StructureContext;
  /** Parser caps; defaults 256 MB and 256 levels. */
  readonly limits?: Partial<XmlParserLimits>;
  /** Which library builds the tree (default fast-xml-parser; `saxes` is faster and lighter, same result). */
  readonly engine?: XmlEngine;
}

export interface TransformResult {
  readonly dataset: Dataset;
  readonly records: NormalisedRecord[];
  readonly findings: Finding[];
  /** Records per type, including zero for each type the dataset yields. */
  readonly counts: Record<string, number>;
  /** Every `Module/Collection` present in the document, e.g. `PupilManager/CurrentPupils`. */
  readonly sections: string[];
}

/** The record types each dataset yields. */
export const DATASET_RECORD_TYPES: Readonly<Record<Dataset, readonly NormalisedRecordType[]>> = {
  pupils: ['student'],
  contacts: ['contact'],
  staff: ['staff'],
  structure: ['yearGroup', 'form', 'house'],
  teaching: ['subject', 'set'],
  photos: ['photo'],
  medical: ['medical'],
};

/**
 * A whole Batch document → normalised records, findings, counts and the sections it held. Pure
 * (no I/O). Throws XmlParseError when the document is refused (hostile, truncated, not XML, an
 * iSAMS error message); every problem inside a well-formed document is a finding instead.
 */
export function transformDocument(
  dataset: Dataset,
  input: Uint8Array | string,
  options: TransformOptions,
): TransformResult {
  const parsed = parseIsamsDocument(input, parserFor(options));
  const findings = new FindingCollector(dataset);
  if (parsed.replacedCharacters > 0) {
    findings.warning(FINDING_KINDS.replacedCharacters, {
      message: `${parsed.replacedCharacters} character(s) that XML forbids (control characters or invalid character references) were replaced by U+FFFD`,
      fix: 'Look for control characters pasted into iSAMS text fields (names, notes) and remove them.',
    });
  }
  return transformParsed(dataset, parsed.root, options, findings);
}

/** As transformDocument, for a document already parsed with the iSAMS parser (root `<iSAMS>`). */
export function transformParsed(
  dataset: Dataset,
  root: XmlElement,
  options: TransformOptions,
  findings: FindingCollector = new FindingCollector(dataset),
): TransformResult {
  const sections = listSections(root);
  checkSections(dataset, root, sections, findings);
  const { records } = mapDataset(dataset, root, options, findings);
  return { dataset, records, findings: findings.findings, counts: countByType(dataset, records), sections };
}

/** Dispatch to the dataset's mapper. */
export function mapDataset(
  dataset: Dataset,
  root: XmlElement,
  options: TransformOptions,
  findings = new FindingCollector(dataset),
): MappingResult<NormalisedRecord> {
  switch (dataset) {
    case 'pupils':
      return mapPupils(root, { structure: options.structure }, findings);
    case 'contacts':
      return mapContacts(root, findings);
    case 'staff':
      return mapStaff(root, { today: options.today }, findings);
    case 'structure':
      return mapStructure(root, findings);
    case 'teaching':
      return mapTeaching(root, findings);
    case 'photos':
      return mapPhotos(root, findings);
    case 'medical':
      return mapMedical(root, findings);
  }
}

/** Datasets whose sections must not come back empty from a healthy school. */
const PEOPLE_DATASETS: ReadonlySet<Dataset> = new Set(['pupils', 'contacts', 'staff']);

function checkSections(
  dataset: Dataset,
  root: XmlElement,
  present: readonly string[],
  findings: FindingCollector,
): void {
  for (const method of DATASET_METHODS[dataset].filter(isSectionMethod)) {
    const { present: isPresent, items, sectionPath } = readSection(root, method);
    if (!isPresent) {
      findings.error(FINDING_KINDS.missingSection, {
        recordRef: sectionPath,
        message: `the document has no ${sectionPath} section, so this dataset is incomplete`,
        fix: `In iSAMS (Control Panel → API Services → Batch API), tick ${method} on this dataset's key.`,
      });
    } else if (items.length === 0 && PEOPLE_DATASETS.has(dataset)) {
      findings.warning(FINDING_KINDS.emptySection, {
        recordRef: sectionPath,
        message: `the ${sectionPath} section is empty`,
        fix: "Check the key's filters and that the school's data is present in iSAMS; an empty dataset never removes anyone.",
      });
    }
  }
  for (const section of unexpectedSections(dataset, present)) {
    const method = methodOfSection(section);
    findings.warning(FINDING_KINDS.unexpectedSection, {
      recordRef: section,
      message: `the document also holds ${section}, which the ${dataset} dataset does not use`,
      fix: method
        ? `Untick ${method} on this dataset's Batch key in iSAMS: each key should carry only its own methods.`
        : "Untick the extra method on this dataset's Batch key in iSAMS: each key should carry only its own methods.",
    });
  }
}

function countByType(dataset: Dataset, records: readonly NormalisedRecord[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(DATASET_RECORD_TYPES[dataset].map((type) => [type, 0]));
  for (const record of records) counts[record.type] = (counts[record.type] ?? 0) + 1;
  return counts;
}

/** Findings per severity, e.g. for the dataset.normalised message. */
export function countFindings(findings: readonly Finding[]): Record<string, number> {
  const counts: Record<string, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity] = (counts[finding.severity] ?? 0) + 1;
  return counts;
}

let defaultParser: IsamsXmlParser | undefined;
function parserFor({ limits, engine }: TransformOptions): IsamsXmlParser {
  if (limits !== undefined || engine !== undefined) return createIsamsXmlParser({ ...limits, engine });
  defaultParser ??= createIsamsXmlParser();
  return defaultParser;
}
