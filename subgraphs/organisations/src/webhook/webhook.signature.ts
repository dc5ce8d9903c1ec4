import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The headers of a delivery (docs/webhooks.md). */
export const WEBHOOK_HEADERS = {
  id: 'doudi-webhook-id',
  timestamp: 'doudi-webhook-timestamp',
  signature: 'doudi-webhook-signature',
} as const;

/** How old a delivery's timestamp a receiver should still accept (docs/webhooks.md): five minutes. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** A new signing secret: `whsec_` and 32 random bytes; the HMAC key is the whole string as UTF-8. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

/** `v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`, the Doudi-Webhook-Signature header. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver does (docs/webhooks.md has the same code): the timestamp within the tolerance, and one of the
 * header's v1 signatures equal to ours (several, comma-separated, while a secret is rotated by the receiver).
 */
export function verifyWebhookSignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > WEBHOOK_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(webhookSignature(secret, timestamp, body));
  return (headers.signature ?? '')
    .split(',')
    .map((part) => Buffer.from(part.trim()))
    .some((given) => given.length === expected.length && timingSafeEqual(given, expected));
}
