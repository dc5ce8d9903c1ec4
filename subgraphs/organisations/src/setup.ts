import type { MikroORM } from '@mikro-orm/postgresql';
import {
  accessTokens,
  loadPrivateKey,
  loadVault,
  loadPublicKey,
  PRINCIPAL_HEADER,
  principalVerifier,
  sendJson,
  DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
  deliveryVerifier,
  INTERNAL_ROUTES,
  subgraphClient,
  subgraphTimeoutMs,
  subgraphUrl,
  type AccessTokens,
  type PersonalDataVault,
  type SubgraphQuery,
} from '@doudi/shared';
import { sessionActive } from './account/account.service.js';
import { workingDaysRoute } from './calendar/working-days.route.js';
import { leadReceiversRoute } from './organisation/lead-receivers.route.js';
import { declaredRelativesRoute } from './relative/relative.route.js';
import { webhookSettings, type WebhookSettings } from './webhook/webhook.target.js';

export interface Services {
  tokens: AccessTokens;
  /** Cases and programmes, as the current caller: the joint meeting's annual figures (remote/reporting.ts). */
  cases: SubgraphQuery;
  programmes: SubgraphQuery;
  /** Seals the close relatives staff declare (备案). */
  vault: PersonalDataVault;
  /** How webhooks behave (WEBHOOK_* variables; webhook/webhook.target.ts). */
  webhooks: WebhookSettings;
}

/**
 * A client that reads the subgraph's address at each call: organisations starts first, before the others have an
 * address to give (the environment learns them as they come up).
 */
const lateClient =
  (name: 'cases' | 'programmes', env: Record<string, string | undefined>): SubgraphQuery =>
  (document, variables, assertion) =>
    subgraphClient(subgraphUrl(name, env), subgraphTimeoutMs(env))(document, variables, assertion);

export const ACCESS_TOKEN_TTL_ENV = 'ACCESS_TOKEN_TTL_SECONDS';

/**
 * The organisations subgraph is the token issuer: it holds the signing key, publishes the public half as
 * JWKS, and tells the gateway whether a token's session is still open.
 */
export async function setup(orm: MikroORM, env: Record<string, string | undefined>) {
  const ttl = Number(env[ACCESS_TOKEN_TTL_ENV] || DEFAULT_ACCESS_TOKEN_TTL_SECONDS);
  if (!Number.isInteger(ttl) || ttl < 30 || ttl > 86_400)
    throw new Error(`${ACCESS_TOKEN_TTL_ENV} must be 30–86400 seconds`);
  const tokens = await accessTokens(await loadPrivateKey('auth', env), ttl);
  const gateway = await principalVerifier(await loadPublicKey('gateway', env));
  const services: Services = {
    tokens,
    cases: lateClient('cases', env),
    programmes: lateClient('programmes', env),
    vault: await loadVault(env),
    webhooks: webhookSettings(env),
  };
  return {
    services,
    routes: {
      [INTERNAL_ROUTES.workingDays]: workingDaysRoute(
        orm,
        await deliveryVerifier(await loadPublicKey('service', env), 'organisations'),
      ),
      // 河鱼府发【2021】39号 二(二): who receives a township's leads, for cases' intake of screening leads.
      [INTERNAL_ROUTES.leadReceivers]: leadReceiversRoute(
        orm,
        await deliveryVerifier(await loadPublicKey('service', env), 'organisations'),
      ),
      // 临社救办发〔2015〕3号 二(一) 备案: declared close relatives, for programmes' filing of proposals.
      [INTERNAL_ROUTES.declaredRelatives]: declaredRelativesRoute(
        orm,
        await deliveryVerifier(await loadPublicKey('service', env), 'organisations'),
      ),
      '/.well-known/jwks.json': (_req, res) => sendJson(res, 200, tokens.jwks),
      // Only the gateway may ask (its signature proves it), and it learns nothing but yes or no.
      '/internal/session': async (req, res) => {
        try {
          await gateway.verify(req.headers[PRINCIPAL_HEADER]);
        } catch {
          return sendJson(res, 401, { error: 'gateway signature required' });
        }
        const id = new URL(req.url ?? '/', 'http://localhost').searchParams.get('id') ?? '';
        sendJson(res, 200, { active: await sessionActive(orm.em.fork(), id) });
      },
    } satisfies Record<string, import('@doudi/shared').Route>,
  };
}
