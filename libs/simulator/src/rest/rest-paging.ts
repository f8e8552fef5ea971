export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;

export interface Page {
  page: number;
  pageSize: number;
}

export type PageRequest = { ok: true; page: Page } | { ok: false; message: string };

function positiveInteger(value: string | null): number | undefined | null {
  if (value === null || value === '') return undefined;
  return /^\d+$/.test(value) && Number(value) >= 1 ? Number(value) : null;
}

/** Reads `page` (1-based) and `pageSize` (1..500) from a query string. */
export function readPage(query: URLSearchParams): PageRequest {
  const page = positiveInteger(query.get('page'));
  const pageSize = positiveInteger(query.get('pageSize'));
  if (page === null) return { ok: false, message: 'The value of page must be a whole number of 1 or more.' };
  if (pageSize === null || (pageSize !== undefined && pageSize > MAX_PAGE_SIZE)) {
    return { ok: false, message: `The value of pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}.` };
  }
  return { ok: true, page: { page: page ?? 1, pageSize: pageSize ?? DEFAULT_PAGE_SIZE } };
}

/** A page of `items` as the REST API answers it: `page`, `pageSize`, `totalCount`, `totalPages` and the named array. */
export function paged<T>(items: readonly T[], { page, pageSize }: Page, arrayName: string): Record<string, unknown> {
  const totalCount = items.length;
  return {
    page,
    pageSize,
    totalCount,
    totalPages: Math.ceil(totalCount / pageSize),
    [arrayName]: items.slice((page - 1) * pageSize, page * pageSize),
  };
}
