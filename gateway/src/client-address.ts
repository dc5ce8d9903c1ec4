import type { IncomingMessage } from 'node:http';

/**
 * The caller's address, for sign-in throttling per address. Without trusted proxies it is the socket's
 * peer; behind `trustedProxyHops` proxies (TRUST_PROXY_HOPS) it is the address the outermost of them saw,
 * read from the right of X-Forwarded-For — entries further left are whatever the client chose to send.
 */
export function clientAddressOf(req: IncomingMessage, trustedProxyHops = 0): string | null {
  const peer = req.socket.remoteAddress ?? null;
  let address = peer;
  if (trustedProxyHops > 0) {
    const forwarded = String(req.headers['x-forwarded-for'] ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    address = forwarded.length >= trustedProxyHops ? forwarded[forwarded.length - trustedProxyHops] : peer;
  }
  const plain = address?.replace(/^::ffff:/, '') ?? null;
  return plain && plain.length <= 64 ? plain : null;
}
