import type { EntityManager } from '@mikro-orm/postgresql';
import { byKeyLoader, groupLoader, isUuid, type LoaderRequest, type SubgraphContext } from '@doudi/shared';
import { householdRecordLoader } from './household/household-directory.js';
import { standardsLoader } from './standard/standard.service.js';
import { Programme } from './programme/programme.entity.js';
import { Benefit } from './benefit/benefit.entity.js';
import { BenefitObjection } from './benefit/objection.entity.js';
import type { Services } from './setup.js';
import { ProgrammeVersion } from './version/programme-version.entity.js';

export function createLoaders(em: EntityManager, request: LoaderRequest) {
  const { households } = request.services as Services;
  return {
    /** Households read from the households subgraph as the caller, keyed by id and date. */
    household: householdRecordLoader(households, request.assertion),
    benefit: byKeyLoader(
      (ids) => em.find(Benefit, { id: { $in: ids.filter(isUuid) } }),
      (b) => b.id,
    ),
    programme: byKeyLoader(
      (ids) => em.find(Programme, { id: { $in: ids.filter(isUuid) } }),
      (p) => p.id,
    ),
    versionsByProgramme: groupLoader(
      (ids) => em.find(ProgrammeVersion, { programmeId: { $in: ids.filter(isUuid) } }, { orderBy: { number: 'asc' } }),
      (v) => v.programmeId,
    ),
    /** Programmes (not templates) run by each jurisdiction itself. */
    programmesByJurisdiction: groupLoader(
      (codes) =>
        em.find(
          Programme,
          { jurisdictionCode: { $in: [...codes] }, isTemplate: false },
          { orderBy: [{ kind: 'asc' }, { name: 'asc' }, { id: 'asc' }] },
        ),
      (p) => p.jurisdictionCode,
    ),
    benefitsByHousehold: groupLoader(
      (ids) =>
        em.find(
          Benefit,
          { householdId: { $in: ids.filter(isUuid) } },
          { orderBy: [{ grantedOn: 'desc' }, { id: 'desc' }] },
        ),
      (b) => b.householdId,
    ),
    benefitsByPerson: groupLoader(
      (ids) =>
        em.find(
          Benefit,
          { personId: { $in: ids.filter(isUuid) } },
          { orderBy: [{ grantedOn: 'desc' }, { id: 'desc' }] },
        ),
      (b) => b.personId!,
    ),
    objectionsByBenefit: groupLoader(
      (ids) =>
        em.find(BenefitObjection, { benefitId: { $in: ids.filter(isUuid) } }, { orderBy: { receivedOn: 'asc' } }),
      (o) => o.benefitId,
    ),
    /** Keyed `jurisdictionCode:year`: the standards in force there (inherited from above if need be). */
    standards: standardsLoader(em),
    programmesByOrganisation: groupLoader(
      (ids) =>
        em.find(
          Programme,
          { organisationId: { $in: ids.filter(isUuid) } },
          { orderBy: [{ name: 'asc' }, { id: 'asc' }] },
        ),
      (p) => p.organisationId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = SubgraphContext<Loaders, Services>;
