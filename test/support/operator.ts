import type { EntityManager } from '@mikro-orm/postgresql';
import { hash } from '@node-rs/argon2';
import { Jurisdiction } from '../../subgraphs/organisations/src/jurisdiction/jurisdiction.entity.js';
import { Organisation, OrganisationKind } from '../../subgraphs/organisations/src/organisation/organisation.entity.js';
import { StaffAccount } from '../../subgraphs/organisations/src/account/account.entities.js';

/** The system administrator the scenario tests act as, in a corner of the tree no scenario uses. */
export const OPERATOR = {
  username: 'test.operator',
  password: 'operator-password-1',
  organisationId: '019a0000-0000-7000-8000-0000000000ab',
  jurisdictionCode: '110000000000',
};

export async function createOperator(em: EntityManager) {
  if (await em.count(StaffAccount, { username: OPERATOR.username })) return;
  em.persist(
    Object.assign(new Jurisdiction(), {
      code: OPERATOR.jurisdictionCode,
      name: '北京市',
      level: 'PROVINCE',
      parentCode: null,
    }),
  );
  em.persist(
    Object.assign(new Organisation(), {
      id: OPERATOR.organisationId,
      name: '兜底平台运维',
      kind: OrganisationKind.OTHER,
      jurisdictionCode: OPERATOR.jurisdictionCode,
    }),
  );
  await em.flush();
  em.persist(
    Object.assign(new StaffAccount(), {
      organisationId: OPERATOR.organisationId,
      username: OPERATOR.username,
      displayName: '测试运维',
      passwordHash: await hash(OPERATOR.password),
      roles: ['SYSTEM_ADMIN'],
      jurisdictionCode: OPERATOR.jurisdictionCode,
    }),
  );
  await em.flush();
}
