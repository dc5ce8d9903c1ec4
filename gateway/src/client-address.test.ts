import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddressOf } from './client-address.js';

const request = (peer: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress: peer },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as IncomingMessage;

describe('the caller’s address for sign-in throttling', () => {
  it('is the socket’s peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddressOf(request('::ffff:192.0.2.1', '198.51.100.7'))).toBe('192.0.2.1');
  });

  it('is the address the trusted proxy saw, not what the client put further left', () => {
    expect(clientAddressOf(request('10.0.0.2', '1.2.3.4, 198.51.100.7'), 1)).toBe('198.51.100.7');
    expect(clientAddressOf(request('10.0.0.2', '1.2.3.4, 198.51.100.7, 10.0.0.1'), 2)).toBe('198.51.100.7');
  });

  it('falls back to the peer when the request did not pass through every trusted proxy', () => {
    expect(clientAddressOf(request('10.0.0.2'), 1)).toBe('10.0.0.2');
    expect(clientAddressOf(request('10.0.0.2', '198.51.100.7'), 2)).toBe('10.0.0.2');
  });
});
