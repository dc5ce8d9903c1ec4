import type { ServerResponse } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import type pg from 'pg';
import {
  INTERNAL_ROUTES,
  isJurisdictionCode,
  sendJson,
  serviceRoute,
  type DeliveryVerifier,
  type HouseholdFactsRequest,
  type Route,
} from '@doudi/shared';
import { householdFactsQuery } from './household-facts.sql.js';

export const HOUSEHOLD_FACTS_PATH = INTERNAL_ROUTES.householdFacts;

/** Rows fetched from the cursor at a time: the stream holds at most this many households (and the socket's buffer). */
export const FETCH_ROWS = 1_000;
/** A push names at most this many households (issue 15 item 6: a push of 50,000 rows). */
export const MAX_HOUSEHOLD_IDS = 50_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The request's problem in words, or null when it is well formed. */
export function problemOf(request: Partial<HouseholdFactsRequest>): string | null {
  if (typeof request.jurisdictionCode !== 'string' || !isJurisdictionCode(request.jurisdictionCode))
    return 'jurisdictionCode must be a 12-digit division code';
  if (typeof request.date !== 'string' || !DATE.test(request.date) || Number.isNaN(Date.parse(request.date)))
    return 'date must be YYYY-MM-DD';
  const ids = request.householdIds;
  if (ids !== undefined && ids !== null) {
    if (
      !Array.isArray(ids) ||
      ids.length > MAX_HOUSEHOLD_IDS ||
      !ids.every((id) => typeof id === 'string' && UUID.test(id))
    )
      return `householdIds must be at most ${MAX_HOUSEHOLD_IDS.toLocaleString('en')} household ids`;
  }
  return null;
}

/** knex's `?` placeholders as the driver's `$1 …` (the statement has no other question mark). */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

const drained = (res: ServerResponse) =>
  new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });

/**
 * Streams the feed through a server-side cursor in a read-only transaction (one consistent snapshot): FETCH_ROWS
 * rows are read only once the previous ones were handed to the socket and it asked for more (backpressure), so
 * the route's memory stays bounded whatever the county's size. A caller that goes away ends the cursor.
 */
export async function streamHouseholdFacts(orm: MikroORM, request: HouseholdFactsRequest, res: ServerResponse) {
  const knex = orm.em.getConnection().getKnex();
  const client = (await knex.client.acquireConnection()) as pg.Client;
  let failed = false;
  try {
    const { sql, bindings } = householdFactsQuery(
      request.jurisdictionCode,
      request.date,
      request.householdIds ?? undefined,
    );
    await client.query('begin isolation level repeatable read read only');
    await client.query(`declare household_facts no scroll cursor for ${numbered(sql)}`, bindings);
    res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' });
    for (;;) {
      if (res.destroyed) break;
      const { rows } = await client.query<{ line: string }>(`fetch ${FETCH_ROWS} from household_facts`);
      if (rows.length === 0) break;
      let chunk = '';
      for (const row of rows) chunk += `${row.line}\n`;
      if (!res.write(chunk)) await drained(res);
    }
    await client.query('commit');
    res.end();
  } catch (error) {
    failed = true;
    await client.query('rollback').catch(() => {});
    if (!res.headersSent) sendJson(res, 500, { error: 'the household facts could not be read' });
    else res.destroy(error as Error);
    throw error;
  } finally {
    // A connection whose transaction could not be closed is not given back to the pool.
    if (failed) await knex.client.releaseConnection(client).catch(() => {});
    else await knex.client.releaseConnection(client);
  }
}

/** The route: programmes alone may ask (signed with the service key). */
export function householdFactsRoute(orm: MikroORM, verifier: DeliveryVerifier): Route {
  return serviceRoute(verifier, { maxBytes: 2_500_000, from: 'programmes' }, async (body, res) => {
    let request: HouseholdFactsRequest;
    try {
      request = JSON.parse(body) as HouseholdFactsRequest;
    } catch {
      return sendJson(res, 400, { error: 'the body must be JSON' });
    }
    const problem = problemOf(request ?? {});
    if (problem) return sendJson(res, 400, { error: problem });
    await streamHouseholdFacts(orm, request, res).catch(() => {});
  });
}
