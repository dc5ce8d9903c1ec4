import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { isNonPublicAddress, type WebhookSettings } from './webhook.target.js';
import { WEBHOOK_HEADERS, webhookSignature } from './webhook.signature.js';

/** At most this much of an answer is read (its status is what counts); the rest is dropped. */
const MAX_ANSWER_BYTES = 4_096;

export interface SendOutcome {
  /** The answer's HTTP status, or null when none came (refused, timed out, blocked). */
  status: number | null;
  delivered: boolean;
  error: string | null;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A DNS lookup that refuses non-public addresses (unless allowed): checked on the address actually connected to,
 * so a host name that resolved to a public address at subscription and to a private one now (DNS rebinding) is
 * still refused.
 */
function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback) => {
    dnsLookup(hostname, { all: true, family: options.family }, (error, addresses) => {
      if (error) return callback(error, options.all ? [] : '', 4);
      const refused = !allowPrivate && addresses.some((a) => isNonPublicAddress(a.address));
      if (refused || !addresses.length) {
        const blocked = Object.assign(new Error(`${hostname} resolves to a non-public address`), {
          code: 'EWEBHOOKBLOCKED',
        });
        return callback(blocked, options.all ? [] : '', 4);
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/**
 * POSTs one delivery: JSON body, signed headers, no redirects followed (a 3xx is a failure), a time limit on the
 * whole exchange, and at most a few KB of the answer read. Never throws: the outcome says what happened.
 */
export function sendWebhook(
  target: string,
  secret: string,
  eventId: string,
  body: string,
  settings: Pick<WebhookSettings, 'timeoutMs' | 'allowPrivateTargets'>,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<SendOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    // Set once the request is made; an early failure finishes before there is one.
    const limit: { timer?: NodeJS.Timeout } = {};
    const finish = (outcome: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(limit.timer);
      resolve(outcome);
    };
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return finish({ status: null, delivered: false, error: 'the URL is not valid' });
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (!settings.allowPrivateTargets && isIP(host) && isNonPublicAddress(host))
      return finish({ status: null, delivered: false, error: 'the URL points at a non-public address' });
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      url,
      {
        method: 'POST',
        lookup: guardedLookup(settings.allowPrivateTargets) as never,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'Doudi-Webhooks/1',
          [WEBHOOK_HEADERS.id]: eventId,
          [WEBHOOK_HEADERS.timestamp]: String(nowSeconds),
          [WEBHOOK_HEADERS.signature]: webhookSignature(secret, nowSeconds, body),
        },
      },
      (answer: IncomingMessage) => {
        const status = answer.statusCode ?? 0;
        let read = 0;
        const done = () => {
          const delivered = status >= 200 && status < 300;
          finish({ status, delivered, error: delivered ? null : `HTTP ${status}` });
          answer.destroy();
        };
        answer.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read >= MAX_ANSWER_BYTES) done();
        });
        answer.on('end', done);
        answer.on('error', done);
      },
    );
    limit.timer = setTimeout(() => {
      request.destroy(new Error(`no answer within ${settings.timeoutMs} ms`));
    }, settings.timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) =>
      finish({
        status: null,
        delivered: false,
        error: (error.code === 'EWEBHOOKBLOCKED' ? error.message : `${error.code ?? ''} ${error.message}`)
          .trim()
          .slice(0, 500),
      }),
    );
    request.end(body);
  });
}
