import { describe, expect, it } from 'vitest';
import { encodeSyncCursor, pageWindow, sliceToConnection, syncWindow, toConnection } from './pagination.js';

describe('connections', () => {
  it('pages forward with the endCursor until there is no next page', () => {
    const all = Array.from({ length: 5 }, (_, i) => i);
    const first = sliceToConnection(all, { first: 2 });
    expect(first).toMatchObject({ nodes: [0, 1], totalCount: 5, pageInfo: { hasNextPage: true } });
    const second = sliceToConnection(all, { first: 2, after: first.pageInfo.endCursor! });
    expect(second.nodes).toEqual([2, 3]);
    const third = sliceToConnection(all, { first: 2, after: second.pageInfo.endCursor! });
    expect(third).toMatchObject({ nodes: [4], pageInfo: { hasNextPage: false } });
  });

  it('skips `offset` rows after the cursor', () => {
    expect(pageWindow({ first: 10, offset: 5 })).toEqual({ offset: 5, limit: 10 });
  });

  it('has no endCursor on an empty page', () => {
    expect(toConnection([], 0, { offset: 0, limit: 20 }).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });

  it('refuses pages over 100, negative offsets and forged cursors', () => {
    expect(() => pageWindow({ first: 101 })).toThrow(/first/);
    expect(() => pageWindow({ offset: -1 })).toThrow(/offset/);
    expect(() => pageWindow({ after: 'bm9wZQ' })).toThrow(/after/);
  });
});

describe('sync windows (docs/sync.md)', () => {
  const since = new Date('2026-11-01T00:00:00Z');
  const until = new Date('2026-11-28T10:00:00Z');

  it('read on after the exact updatedAt and id the cursor carries, with the first page’s syncedUntil', () => {
    const cursor = encodeSyncCursor('2026-11-28T09:59:58.123456Z', '019a0000-0000-7000-8000-000000000001', until);
    expect(syncWindow({ first: 5, after: cursor }, since)).toEqual({
      since,
      after: { at: '2026-11-28T09:59:58.123456Z', id: '019a0000-0000-7000-8000-000000000001' },
      until,
      limit: 5,
    });
    expect(syncWindow({}, since)).toEqual({ since, after: null, until: null, limit: 20 });
  });

  it('refuse orderBy, offset, a position cursor and a forged one rather than ignore them', () => {
    expect(() => syncWindow({ orderBy: [{ field: 'CREATED_AT' }] }, since)).toThrow(/orderBy/);
    expect(() => syncWindow({ offset: 3 }, since)).toThrow(/offset/);
    const position = sliceToConnection([1, 2, 3], { first: 1 }).pageInfo.endCursor!;
    expect(() => syncWindow({ after: position }, since)).toThrow(/after/);
    const forged = Buffer.from('s:yesterday|nobody|never').toString('base64url');
    expect(() => syncWindow({ after: forged }, since)).toThrow(/after/);
    expect(() => syncWindow({ first: 101 }, since)).toThrow(/first/);
    expect(() => syncWindow({}, new Date('not a date'))).toThrow(/updatedSince/);
  });
});
