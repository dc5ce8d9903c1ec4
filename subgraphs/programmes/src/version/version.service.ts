import type { EntityManager } from '@mikro-orm/postgresql';
import {
  assertDate,
  badInput,
  conflict,
  createOnce,
  requirePermission,
  shanghaiDate,
  type Principal,
} from '@doudi/shared';
import { getProgramme } from '../programme/programme.service.js';
import { Programme } from '../programme/programme.entity.js';
import { Benefit } from '../benefit/benefit.entity.js';
import { ProgrammeVersion } from './programme-version.entity.js';
import { SETTING_FIELDS, settingsSetBy } from './programme-settings.js';
import { settingsFromInput } from './settings-input.js';
import { templateChain, versionOn, type ConfigurationSource } from './configuration.js';
import type { PublishProgrammeVersionInput } from './version.inputs.js';
import { queueScreening, wakeScreeningJob } from '../screening/screening.service.js';
import { ScreeningTrigger } from '../screening/screening.enums.js';

/** Reads programmes and versions straight from a transaction (mutations), not the request's loaders. */
export const sourceOf = (em: EntityManager): ConfigurationSource => ({
  programme: async (id) => em.findOneOrFail(Programme, { id }),
  versions: (programmeId) => em.find(ProgrammeVersion, { programmeId }, { orderBy: { number: 'asc' } }),
});

/** Refuses a setting that a template above the programme has locked on that date. */
async function assertNotLocked(em: EntityManager, programme: Programme, input: PublishProgrammeVersionInput) {
  const source = sourceOf(em);
  const templates = (await templateChain(source, programme)).slice(0, -1);
  const sets = settingsSetBy(settingsFromInput(input));
  for (const template of templates) {
    const version = versionOn(await source.versions(template.id), input.effectiveFrom);
    const locked = sets.find((s) => version?.locks.includes(s));
    if (locked) {
      throw badInput(
        SETTING_FIELDS[locked],
        `${locked} is locked by the template “${template.name}” (${template.jurisdictionCode}, version ${version!.number}); only its publisher can change it`,
        { lockedBy: template.id, setting: locked },
      );
    }
  }
}

/**
 * Publishes the next version of a programme. Versions follow one another in time and never change;
 * a version may not start before decisions already taken under the one before it.
 */
export async function publishProgrammeVersion(
  em: EntityManager,
  principal: Principal,
  input: PublishProgrammeVersionInput,
): Promise<ProgrammeVersion> {
  const programme = await getProgramme(em, input.programmeId);
  requirePermission(principal, 'programmes:write', programme.jurisdictionCode);
  assertDate('input.effectiveFrom', input.effectiveFrom);
  const settings = settingsFromInput(input);
  const locks = [...new Set(input.locks ?? [])];
  if (locks.length && !programme.isTemplate) {
    throw badInput('input.locks', 'Only a template locks settings for the programmes that inherit it');
  }
  await assertNotLocked(em, programme, input);
  const values = {
    programmeId: programme.id,
    effectiveFrom: input.effectiveFrom,
    settings,
    locks,
    note: input.note?.trim() || null,
  };
  return createOnce(
    em,
    'publishProgrammeVersion',
    input.idempotencyKey,
    values,
    async (tx) => {
      // One publisher at a time per programme, so two versions never get the same number.
      await tx
        .getConnection()
        .execute('select id from programme where id = ? for update', [programme.id], 'all', tx.getTransactionContext());
      const latest = await tx.findOne(ProgrammeVersion, { programmeId: programme.id }, { orderBy: { number: 'desc' } });
      // A publisher who read an older latest version would otherwise replace a change they never saw.
      if (input.basedOnVersion != null && input.basedOnVersion !== (latest?.number ?? 0)) {
        throw conflict(
          `Version ${latest?.number ?? 0} has been published since you read version ${input.basedOnVersion}; read it before publishing`,
          { latestVersion: latest?.number ?? 0 },
        );
      }
      if (latest && values.effectiveFrom <= latest.effectiveFrom) {
        throw badInput(
          'input.effectiveFrom',
          `Version ${latest.number} is in force from ${latest.effectiveFrom}; a new version starts after that`,
        );
      }
      const decided = await tx.findOne(Benefit, {
        programmeId: programme.id,
        grantedOn: { $gte: values.effectiveFrom },
      });
      if (decided) {
        throw badInput(
          'input.effectiveFrom',
          `Benefits were already decided on ${decided.grantedOn} under the version in force; start the new version after that`,
        );
      }
      const version = Object.assign(new ProgrammeVersion(), values, {
        number: (latest?.number ?? 0) + 1,
        publishedById: principal.id,
      });
      tx.persist(version);
      // A version in force from today or earlier changes who qualifies: the jurisdiction is screened again.
      if (values.effectiveFrom <= shanghaiDate()) {
        queueScreening(tx, {
          jurisdictionCode: programme.jurisdictionCode,
          trigger: ScreeningTrigger.VERSION_PUBLISHED,
        });
      }
      return version;
    },
    (fresh, id) => fresh.findOneOrFail(ProgrammeVersion, { id }),
  ).then(async (version) => {
    if (version.effectiveFrom <= shanghaiDate()) await wakeScreeningJob(em);
    return version;
  });
}
