import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import {
  internalRouteUrl,
  isUuid,
  PRINCIPAL_HEADER,
  RETRY_AFTER_SECONDS,
  sendJson,
  type Logger,
  type Principal,
  type PrincipalSigner,
  type Route,
} from '@doudi/shared';
import { clientAddressOf } from './client-address.js';

/** GET /documents/<id>: a case document's file (CaseDocument.downloadUrl). */
export const DOCUMENTS_PATH = '/documents';
/** The cases route it asks (subgraphs/cases/src/document/document.route.ts). */
const CASE_DOCUMENT_ROUTE = '/internal/case-document';
const ALLOWED_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png']);

const refuse = (res: ServerResponse, status: number, code: string, message: string) =>
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });

/** `attachment` with the name in UTF-8 (RFC 5987/6266) and an ASCII fallback for old clients. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * The download route of case documents: authenticated as /graphql is (the Authorization header; anonymous callers get
 * 401), then cases is asked on its internal route with the caller's principal signed by the gateway, so cases applies
 * the same reading rules as `caseDocument`. A document that does not exist and one out of reach are the same 404. The
 * file is answered as an attachment, never cached, never sniffed, and sandboxed should a browser show it.
 */
export function documentsRoute(options: {
  authenticate: (authorization: string | undefined) => Promise<Principal>;
  signer: PrincipalSigner;
  casesUrl: string;
  timeoutMs: number;
  trustProxyHops?: number;
  logger: Logger;
}): Route {
  return async (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return refuse(res, 405, 'BAD_REQUEST', 'GET only');
    }
    const requestId = String(req.headers['x-request-id'] ?? randomUUID());
    const id = new URL(req.url ?? '/', 'http://localhost').pathname.slice(DOCUMENTS_PATH.length + 1);
    let principal: Principal;
    try {
      principal = await options.authenticate(req.headers.authorization);
    } catch (error) {
      const extensions = (error as { extensions?: { code?: string; http?: { status?: number } } }).extensions;
      const status = extensions?.http?.status ?? 401;
      if (status === 503) res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
      return refuse(res, status, extensions?.code ?? 'UNAUTHENTICATED', (error as Error).message);
    }
    if (principal.kind === 'ANONYMOUS') return refuse(res, 401, 'UNAUTHENTICATED', 'Sign in to download documents');
    if (!isUuid(id)) return refuse(res, 404, 'NOT_FOUND', 'No such document');
    let answer: Response;
    try {
      answer = await fetch(internalRouteUrl(options.casesUrl, CASE_DOCUMENT_ROUTE), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-request-id': requestId,
          [PRINCIPAL_HEADER]: await options.signer.sign({
            ...principal,
            clientAddress: clientAddressOf(req, options.trustProxyHops ?? 0),
          }),
        },
        body: JSON.stringify({ id }),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      options.logger.warn(
        { requestId, reason: String((error as Error)?.cause ?? error) },
        'cases unreachable for a document',
      );
      res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
      return refuse(res, 503, 'SERVICE_UNAVAILABLE', 'The cases service is unavailable; try again shortly');
    }
    if (answer.status === 404) return refuse(res, 404, 'NOT_FOUND', 'No such document');
    if (answer.status === 403) return refuse(res, 403, 'FORBIDDEN', 'You may not read case documents');
    const type = answer.headers.get('content-type') ?? '';
    if (answer.status !== 200 || !ALLOWED_TYPES.has(type)) {
      options.logger.warn({ requestId, status: answer.status }, 'cases answered a document download unexpectedly');
      res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
      return refuse(
        res,
        503,
        'SERVICE_UNAVAILABLE',
        'The cases service could not answer the document; try again shortly',
      );
    }
    const content = Buffer.from(await answer.arrayBuffer());
    const fileName = decodeURIComponent(answer.headers.get('x-document-file-name') ?? `${id}`);
    res.statusCode = 200;
    res.setHeader('content-type', type);
    res.setHeader('content-length', String(content.length));
    res.setHeader('content-disposition', contentDisposition(fileName));
    res.setHeader('content-security-policy', "default-src 'none'; sandbox");
    const sha256 = answer.headers.get('x-document-sha256');
    if (sha256) res.setHeader('x-document-sha256', sha256);
    res.end(req.method === 'HEAD' ? undefined : content);
  };
}
