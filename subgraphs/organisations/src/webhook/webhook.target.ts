import { lookup as dnsLookup } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { badInput, isProduction } from '@doudi/shared';

type Env = Record<string, string | undefined>;

/** How webhooks behave here; read once at start (README, configuration). */
export interface WebhookSettings {
  /** http:// targets (a receiver on a developer's machine); never in production unless set. */
  allowHttp: boolean;
  /** Targets on loopback, private, link-local or other non-public addresses; never in production unless set. */
  allowPrivateTargets: boolean;
  /** The limit on one delivery, connection to answer. */
  timeoutMs: number;
  /** Failed attempts in a row after which a subscription is paused and its organisation notified. */
  pauseAfterFailures: number;
  /** Attempts of one delivery before it is given up (GAVE_UP; a replay sends it again). */
  maxAttempts: number;
  /** Subscriptions one API client may hold. */
  maxSubscriptionsPerClient: number;
}

export const WEBHOOK_ENV = {
  allowHttp: 'WEBHOOK_ALLOW_HTTP',
  allowPrivateTargets: 'WEBHOOK_ALLOW_PRIVATE_TARGETS',
  timeoutMs: 'WEBHOOK_TIMEOUT_MS',
  pauseAfterFailures: 'WEBHOOK_PAUSE_AFTER_FAILURES',
  maxAttempts: 'WEBHOOK_MAX_ATTEMPTS',
  maxSubscriptionsPerClient: 'WEBHOOK_MAX_SUBSCRIPTIONS_PER_CLIENT',
} as const;

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw !== 'true' && raw !== 'false') throw new Error(`${name} must be true or false`);
  return raw === 'true';
}

function whole(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be ${min}–${max}`);
  return value;
}

export function webhookSettings(env: Env): WebhookSettings {
  const development = !isProduction(env);
  return {
    allowHttp: flag(env, WEBHOOK_ENV.allowHttp, development),
    allowPrivateTargets: flag(env, WEBHOOK_ENV.allowPrivateTargets, development),
    timeoutMs: whole(env, WEBHOOK_ENV.timeoutMs, 5_000, 100, 30_000),
    pauseAfterFailures: whole(env, WEBHOOK_ENV.pauseAfterFailures, 15, 1, 1_000),
    maxAttempts: whole(env, WEBHOOK_ENV.maxAttempts, 10, 1, 100),
    maxSubscriptionsPerClient: whole(env, WEBHOOK_ENV.maxSubscriptionsPerClient, 10, 1, 1_000),
  };
}

/** Addresses a webhook may not reach in production: the service's own network and everything not public. */
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');

/** Whether an IP address is loopback, private, link-local, reserved or otherwise not on the public internet. */
export function isNonPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 4) return NOT_PUBLIC.check(bare, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
    if (mapped) return NOT_PUBLIC.check(mapped[1], 'ipv4');
    return NOT_PUBLIC.check(bare, 'ipv6');
  }
  return true;
}

const MAX_URL_LENGTH = 2_000;

/**
 * A subscription's URL, checked: absolute https (http only where allowed), no user name or password in it, no
 * fragment, at most 2,000 characters, and — unless private targets are allowed — a host that is not a non-public
 * address. Host names are checked again at every delivery against what they resolve to (webhook.send.ts).
 */
export function checkedTargetUrl(field: string, raw: string | null | undefined, settings: WebhookSettings): string {
  const value = (raw ?? '').trim();
  if (!value) throw badInput(field, 'A URL is required');
  if (value.length > MAX_URL_LENGTH) throw badInput(field, `A URL is at most ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badInput(field, 'Not an absolute URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && settings.allowHttp))
    throw badInput(field, settings.allowHttp ? 'A webhook URL is http or https' : 'A webhook URL must use https');
  if (url.username || url.password)
    throw badInput(field, 'No credentials in the URL: verify deliveries by their signature instead');
  if (url.hash) throw badInput(field, 'A webhook URL has no fragment (#…)');
  if (!url.hostname) throw badInput(field, 'A webhook URL names a host');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!settings.allowPrivateTargets) {
    if (isIP(host) && isNonPublicAddress(host))
      throw badInput(field, 'A webhook URL may not point at a loopback, private or link-local address');
    if (!isIP(host) && (/^localhost$/i.test(host) || /\.(localhost|local|internal|localdomain)$/i.test(host)))
      throw badInput(field, 'A webhook URL may not point at a local host name');
  }
  return url.toString();
}

/** Resolves a host's addresses, as a delivery would. */
function resolveAll(hostname: string): Promise<string[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses.map((a) => a.address)),
    ),
  );
}

/** At creation and change: a host name that resolves to a non-public address is refused (unless allowed). */
export async function assertPublicTarget(field: string, url: string, settings: WebhookSettings): Promise<void> {
  if (settings.allowPrivateTargets) return;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return;
  let addresses: string[];
  try {
    addresses = await resolveAll(host);
  } catch {
    throw badInput(field, `The host ${host} does not resolve`);
  }
  if (!addresses.length || addresses.some(isNonPublicAddress))
    throw badInput(field, `The host ${host} resolves to a loopback, private or link-local address`);
}
