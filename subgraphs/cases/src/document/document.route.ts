import type { MikroORM } from '@mikro-orm/postgresql';
import {
  isUuid,
  loadPublicKey,
  PRINCIPAL_HEADER,
  principalVerifier,
  readBody,
  sendJson,
  type LoaderRequest,
  type Route,
} from '@doudi/shared';
import { contentOf, visibleDocument } from './document.service.js';
import type { Context, Loaders } from '../context.js';

/** The cases route the gateway's download route (GET /documents/<id>) asks, with the caller's signed principal. */
export const CASE_DOCUMENT_ROUTE = '/internal/case-document';

/**
 * POST {"id"} with the gateway's signed principal header, as on /graphql: the document's bytes when the caller may read
 * it (the same rules as `caseDocument`), 404 when it does not exist or the caller may not (never telling which), 401
 * without a valid principal, 403 without cases:read. Headers carry its type, size, SHA-256 and file name (URI-encoded).
 */
export async function documentRoutes(options: {
  orm: MikroORM;
  env: Record<string, string | undefined>;
  services: unknown;
  createLoaders: (em: MikroORM['em'], request: LoaderRequest) => Loaders;
}): Promise<Record<string, Route>> {
  const verifier = await principalVerifier(await loadPublicKey('gateway', options.env));
  const route: Route = async (req, res) => {
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'POST only' });
    const body = await readBody(req, 10_000);
    const assertion = String(req.headers[PRINCIPAL_HEADER] ?? '');
    let principal;
    try {
      principal = await verifier.verify(assertion);
    } catch {
      return sendJson(res, 401, { error: 'the gateway’s signed principal is required' });
    }
    let id: unknown;
    try {
      id = (JSON.parse(body) as { id?: unknown }).id;
    } catch {
      return sendJson(res, 400, { error: 'the body must be {"id": "<document id>"}' });
    }
    if (typeof id !== 'string' || !isUuid(id)) return sendJson(res, 404, { error: 'not found', code: 'NOT_FOUND' });
    const em = options.orm.em.fork();
    const ctx = {
      em,
      principal,
      assertion,
      services: options.services,
      loaders: options.createLoaders(em, { services: options.services, assertion }),
      requestId: String(req.headers['x-request-id'] ?? ''),
    } as unknown as Context;
    try {
      const document = await visibleDocument(ctx, id);
      const content = await contentOf(em, document);
      res.statusCode = 200;
      res.setHeader('content-type', document.mediaType);
      res.setHeader('content-length', String(content.length));
      res.setHeader('x-document-sha256', document.sha256);
      res.setHeader('x-document-file-name', encodeURIComponent(document.fileName));
      res.end(content);
    } catch (error) {
      const code = (error as { extensions?: { code?: string } }).extensions?.code;
      if (code === 'NOT_FOUND' || code === 'BAD_USER_INPUT')
        return sendJson(res, 404, { error: 'not found', code: 'NOT_FOUND' });
      if (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED')
        return sendJson(res, code === 'FORBIDDEN' ? 403 : 401, { error: (error as Error).message, code });
      throw error;
    }
  };
  return { [CASE_DOCUMENT_ROUTE]: route };
}
