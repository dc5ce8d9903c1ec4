import {
  INTERNAL_ROUTES,
  internalRouteUrl,
  type DeliverySigner,
  type HouseholdFactsLine,
  type HouseholdFactsRequest,
} from '@doudi/shared';

/** Reads the households of a subtree, one at a time, as households streams them (households/src/screening-feed). */
export type HouseholdFactsFeed = (request: HouseholdFactsRequest) => AsyncIterable<HouseholdFactsLine>;

/**
 * The feed over households' internal route, signed with the service key. Lines are parsed as they arrive and the
 * next chunk is read only when the screening asks for the next household: the socket's backpressure reaches the
 * cursor on the other side, so neither side holds the county.
 */
export function householdFactsFeed(
  householdsUrl: string,
  signer: DeliverySigner,
  timeoutMs: number,
): HouseholdFactsFeed {
  const url = internalRouteUrl(householdsUrl, INTERNAL_ROUTES.householdFacts);
  return async function* feed(request) {
    // The timeout covers the answer's start; the stream itself may take as long as the county needs.
    const body = JSON.stringify(request);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('households did not answer in time')), timeoutMs);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: await signer.sign('households', body) },
        body,
        signal: controller.signal,
      });
    } finally {
      clearTimeout(timer);
    }
    if (response.status !== 200 || !response.body) {
      throw new Error(`households answered ${response.status} to the household-facts feed: ${await response.text()}`);
    }
    const decoder = new TextDecoder();
    let rest = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      rest += decoder.decode(chunk, { stream: true });
      let start = 0;
      for (let end = rest.indexOf('\n'); end >= 0; end = rest.indexOf('\n', start)) {
        if (end > start) yield JSON.parse(rest.slice(start, end)) as HouseholdFactsLine;
        start = end + 1;
      }
      rest = rest.slice(start);
    }
    rest += decoder.decode();
    if (rest.trim()) yield JSON.parse(rest) as HouseholdFactsLine;
  };
}
