/**
 * A small client for an agency's own system (police case system, procuratorate, hospital social-work desk) calling
 * Doudi through its gateway with client credentials. It keeps one access token and renews it shortly before it
 * expires, retries an answer refused for load (HTTP 503 with Retry-After) and turns GraphQL errors into DoudiError
 * with the code of docs/architecture.md ("API conventions"). Only the platform's fetch: nothing to install.
 */

export interface ClientOptions {
  /** The gateway's GraphQL address, e.g. http://localhost:4000/graphql. */
  url: string;
  clientId: string;
  clientSecret: string;
  /** How often a refused-for-load request is tried again (default 3). */
  retries?: number;
  /** The longest wait between tries, whatever Retry-After says (default 30 s). */
  maxRetryWaitMs?: number;
}

/** One GraphQL error as Doudi answers it: a code from one set, the field at fault where there is one. */
export class DoudiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DoudiError';
  }

  /** A caller may try again later: a service down or overloaded, or a limit that lifts after retryAfterSeconds. */
  get retryable(): boolean {
    return this.code === 'SERVICE_UNAVAILABLE' || this.code === 'LIMIT_EXCEEDED';
  }
}

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** Renew a token this long before its expiry, so a request never leaves with one about to lapse. */
const RENEW_BEFORE_MS = 60_000;

export class DoudiClient {
  private token?: { value: string; expiresAt: number };
  private pendingToken?: Promise<string>;

  constructor(private readonly options: ClientOptions) {}

  /** The gateway's base address (for the non-GraphQL routes: documents, imports). */
  get baseUrl(): string {
    return this.options.url.replace(/\/graphql\/?$/, '');
  }

  /** A valid access token: the one held, or a new one from issueClientToken (one exchange at a time). */
  async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt - RENEW_BEFORE_MS > Date.now()) return this.token.value;
    this.pendingToken ??= this.exchange().finally(() => (this.pendingToken = undefined));
    return this.pendingToken;
  }

  private async exchange(): Promise<string> {
    const { issueClientToken } = await this.post<{ issueClientToken: { accessToken: string; expiresAt: string } }>(
      `mutation Token($input: ClientCredentialsInput!) { issueClientToken(input: $input) { accessToken expiresAt } }`,
      { input: { clientId: this.options.clientId, clientSecret: this.options.clientSecret } },
      null,
    );
    this.token = { value: issueClientToken.accessToken, expiresAt: Date.parse(issueClientToken.expiresAt) };
    return this.token.value;
  }

  /** Runs one operation as this app; throws DoudiError for the first error of the answer. */
  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    try {
      return await this.post<T>(query, variables, await this.accessToken());
    } catch (error) {
      // A token revoked or expired early (the app was deactivated and reactivated, say): exchange once more.
      if (error instanceof DoudiError && error.code === 'UNAUTHENTICATED' && this.token) {
        this.token = undefined;
        return this.post<T>(query, variables, await this.accessToken());
      }
      throw error;
    }
  }

  /** GET of one of the gateway's other routes (a document's downloadUrl), with the app's token. */
  async download(url: string): Promise<{ bytes: Uint8Array; contentType: string; fileName?: string }> {
    const token = await this.accessToken();
    const response = await this.send(() =>
      fetch(new URL(url, this.baseUrl), { headers: { authorization: `Bearer ${token}` } }),
    );
    if (!response.ok) throw new DoudiError(`download answered HTTP ${response.status}`, httpCode(response.status));
    const disposition = response.headers.get('content-disposition') ?? '';
    const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
    return {
      bytes: new Uint8Array(await response.arrayBuffer()),
      contentType: response.headers.get('content-type') ?? '',
      fileName: encoded ? decodeURIComponent(encoded) : undefined,
    };
  }

  private async post<T>(query: string, variables: Record<string, unknown>, token: string | null): Promise<T> {
    const response = await this.send(() =>
      fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      }),
    );
    const answer = (await response.json()) as GraphQLAnswer<T>;
    const [first] = answer.errors ?? [];
    if (first)
      throw new DoudiError(first.message, String(first.extensions?.code ?? 'INTERNAL_SERVER_ERROR'), first.extensions);
    if (!answer.data) throw new DoudiError(`HTTP ${response.status} without data`, httpCode(response.status));
    return answer.data;
  }

  /** Sends, and sends again after Retry-After while the gateway or a service refuses for load (503). */
  private async send(attempt: () => Promise<Response>): Promise<Response> {
    const retries = this.options.retries ?? 3;
    for (let tried = 0; ; tried++) {
      const response = await attempt();
      if (response.status !== 503 || tried >= retries) return response;
      const seconds = Number(response.headers.get('retry-after')) || 1;
      await response.arrayBuffer(); // let the connection be reused
      await new Promise((resolve) =>
        setTimeout(resolve, Math.min(seconds * 1000, this.options.maxRetryWaitMs ?? 30_000)),
      );
    }
  }
}

function httpCode(status: number): string {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 503) return 'SERVICE_UNAVAILABLE';
  return 'INTERNAL_SERVER_ERROR';
}
