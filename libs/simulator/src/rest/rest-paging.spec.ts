import { paged, readPage } from './rest-paging';

describe('REST paging', () => {
  it.each([
    ['', { page: 1, pageSize: 100 }],
    ['page=2&pageSize=10', { page: 2, pageSize: 10 }],
    ['pageSize=500', { page: 1, pageSize: 500 }],
  ])('reads %j', (query, page) => {
    expect(readPage(new URLSearchParams(query))).toEqual({ ok: true, page });
  });

  it.each(['page=0', 'page=-1', 'page=x', 'pageSize=0', 'pageSize=501', 'pageSize=2.5'])('refuses %s', (query) => {
    expect(readPage(new URLSearchParams(query)).ok).toBe(false);
  });

  it('slices a page and counts pages', () => {
    const items = Array.from({ length: 25 }, (_, i) => i);
    expect(paged(items, { page: 3, pageSize: 10 }, 'things')).toEqual({
      page: 3,
      pageSize: 10,
      totalCount: 25,
      totalPages: 3,
      things: [20, 21, 22, 23, 24],
    });
    expect(paged(items, { page: 4, pageSize: 10 }, 'things')).toMatchObject({ things: [] });
    expect(paged([], { page: 1, pageSize: 10 }, 'things')).toEqual({
      page: 1,
      pageSize: 10,
      totalCount: 0,
      totalPages: 0,
      things: [],
    });
  });
});
