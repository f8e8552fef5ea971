import { FILTERS } from '@isams-sync/isams';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { BatchFilters, DateRange } from './batch-filters';

/** The body could not be read as filter XML: iSAMS answers this with a 500 UnhandledException. */
export class MalformedFiltersError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'MalformedFiltersError';
  }
}

/** Filter bodies are a few hundred bytes; anything much larger is not a filter. */
export const MAX_FILTER_BYTES = 64 * 1024;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  // nothing in a filter needs entities, and a test double must not expand a hostile DOCTYPE either
  processEntities: false,
  isArray: (name) => name === FILTERS.methodsToRun[1],
});

type Node = Record<string, unknown>;

function child(node: unknown, name: string): Node | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const entry = Object.entries(node).find(([key]) => key.toLowerCase() === name.toLowerCase());
  const value = entry?.[1];
  return typeof value === 'object' && value !== null ? (value as Node) : value === '' ? {} : undefined;
}

function attribute(node: Node | undefined, name: string): string | undefined {
  if (!node) return undefined;
  const entry = Object.entries(node).find(([key]) => key.toLowerCase() === name.toLowerCase());
  return typeof entry?.[1] === 'string' ? entry[1] : undefined;
}

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function dateRange(node: Node | undefined, what: string): DateRange | undefined {
  if (!node) return undefined;
  const startDate = attribute(node, FILTERS.startDate);
  const endDate = attribute(node, FILTERS.endDate);
  if (startDate === undefined && endDate === undefined) return undefined;
  for (const value of [startDate, endDate]) {
    if (value !== undefined && !DATE.test(value.slice(0, 10))) {
      throw new MalformedFiltersError(
        `Conversion failed when converting date and/or time from character string (${what}: '${value}').`,
      );
    }
  }
  return { startDate: (startDate ?? '1900-01-01').slice(0, 10), endDate: (endDate ?? '9999-12-31').slice(0, 10) };
}

/** Reads a `<Filters>` POST body. An empty body means no filters. */
export function parseBatchFilters(body: string): BatchFilters {
  if (body.trim() === '') return {};
  if (Buffer.byteLength(body) > MAX_FILTER_BYTES) throw new MalformedFiltersError('The filter document is too large.');
  const valid = XMLValidator.validate(body);
  if (valid !== true)
    throw new MalformedFiltersError(
      `Data at the root level is invalid. ${valid.err.msg} Line ${valid.err.line}, position ${valid.err.col}.`,
    );
  const document: unknown = parser.parse(body);
  const root = child(document, FILTERS.root);
  if (!root) throw new MalformedFiltersError(`The filter document has no <${FILTERS.root}> root element.`);

  const filters: BatchFilters = {};
  const methods = child(root, FILTERS.methodsToRun[0])?.[FILTERS.methodsToRun[1]];
  if (Array.isArray(methods)) {
    filters.methodsToRun = methods
      .map((method) => (typeof method === 'string' ? method.trim() : ''))
      .filter((method) => method !== '');
  }
  const contacts = child(child(root, FILTERS.contacts[0]), FILTERS.contacts[1]);
  if (contacts) {
    const statuses = list(attribute(contacts, FILTERS.systemStatusesToInclude));
    if (statuses?.some((status) => !/^-?\d+$/.test(status))) {
      throw new MalformedFiltersError(
        `Conversion failed when converting the varchar value '${statuses.join(',')}' to data type int.`,
      );
    }
    filters.contacts = {
      contactTypes: list(attribute(contacts, FILTERS.contactTypes)),
      systemStatuses: statuses?.map(Number),
    };
  }
  const registration = child(root, FILTERS.registration);
  filters.registrationStatus = dateRange(child(registration, FILTERS.registrationStatus), FILTERS.registrationStatus);
  filters.registrationPeriods = dateRange(
    child(registration, FILTERS.registrationPeriods),
    FILTERS.registrationPeriods,
  );
  filters.outOfSchoolPupils = dateRange(child(registration, FILTERS.outOfSchoolPupils), FILTERS.outOfSchoolPupils);
  return filters;
}
