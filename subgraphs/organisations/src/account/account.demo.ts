import type { EntityManager } from '@mikro-orm/postgresql';
import { hash } from '@node-rs/argon2';
import * as demo from '@doudi/shared/demo';
import { ApiClient, StaffAccount } from './account.entities.js';
import { Organisation } from '../organisation/organisation.entity.js';

/** One demo sign-in per role and two demo apps (README, "Demo accounts"); existing ones are kept. */
export async function seedAccountsDemo(em: EntityManager) {
  const haveStaff = new Set(
    (await em.find(StaffAccount, { id: { $in: demo.staff.map((s) => s.id) } })).map((s) => s.id),
  );
  const haveClients = new Set(
    (await em.find(ApiClient, { id: { $in: demo.apiClients.map((c) => c.id) } })).map((c) => c.id),
  );
  const organisations = new Map(
    (
      await em.find(Organisation, { id: { $in: [...demo.staff, ...demo.apiClients].map((a) => a.organisationId) } })
    ).map((o) => [o.id, o]),
  );
  const passwordHash = await hash(demo.DEMO_PASSWORD);
  let staff = 0;
  let clients = 0;
  for (const account of demo.staff) {
    if (haveStaff.has(account.id)) continue;
    const jurisdictionCode = organisations.get(account.organisationId)!.jurisdictionCode;
    em.persist(
      Object.assign(new StaffAccount(), { ...account, roles: [...account.roles], passwordHash, jurisdictionCode }),
    );
    staff++;
  }
  for (const { secret, ...client } of demo.apiClients) {
    if (haveClients.has(client.id)) continue;
    const jurisdictionCode = organisations.get(client.organisationId)!.jurisdictionCode;
    em.persist(
      Object.assign(new ApiClient(), {
        ...client,
        scopes: [...client.scopes],
        secretHash: await hash(secret),
        jurisdictionCode,
        // Registered by 襄汾's administrator: the person who answers for both demo apps.
        registeredById: demo.staff.find((s) => s.username === 'xiangfen.admin')!.id,
      }),
    );
    clients++;
  }
  await em.flush();
  return { staff, clients };
}
