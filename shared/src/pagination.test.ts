import { describe, expect, it } from 'vitest';
import { pageWindow, sliceToConnection, toConnection } from './pagination.js';

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
