import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Checks a webhook delivery from Doudi (docs/webhooks.md): the signature is an HMAC-SHA256, with the
 * subscription's secret, of "<timestamp>.<raw body>", sent as `v1=<hex>`; a delivery older than the tolerance is
 * refused as a possible replay. Verify the raw bytes received, before parsing them: a re-serialised body differs.
 */
export interface VerifiedDelivery {
  id: string;
  type: string;
  occurredAt: string;
  organisationId: string;
  data: Record<string, unknown>;
}

export const SIGNATURE_HEADER = 'doudi-webhook-signature';
export const TIMESTAMP_HEADER = 'doudi-webhook-timestamp';
export const ID_HEADER = 'doudi-webhook-id';

export function verifyWebhook(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
  { toleranceSeconds = 300, now = Date.now() } = {},
): VerifiedDelivery {
  const header = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const timestamp = Number(header(TIMESTAMP_HEADER));
  if (!Number.isInteger(timestamp)) throw new Error('no timestamp');
  if (Math.abs(now / 1000 - timestamp) > toleranceSeconds) throw new Error('timestamp outside the tolerance');
  const expected = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest();
  // A rotated secret: Doudi may send several `v1=` values, one per secret still valid.
  const given = (header(SIGNATURE_HEADER) ?? '')
    .split(/[ ,]+/)
    .filter((part) => part.startsWith('v1='))
    .map((part) => Buffer.from(part.slice(3), 'hex'));
  if (!given.some((signature) => signature.length === expected.length && timingSafeEqual(signature, expected)))
    throw new Error('signature does not match');
  const delivery = JSON.parse(rawBody) as VerifiedDelivery;
  if (delivery.id !== header(ID_HEADER)) throw new Error('event id differs from its header');
  return delivery;
}
