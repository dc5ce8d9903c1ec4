import type { EntityManager } from '@mikro-orm/postgresql';
import { groupLoader, isUuid } from '@doudi/shared';
import { ProgrammeVersion } from './programme-version.entity.js';

export function createVersionLoaders(em: EntityManager) {
  return {
    versionsByProgramme: groupLoader(
      (ids) => em.find(ProgrammeVersion, { programmeId: { $in: ids.filter(isUuid) } }, { orderBy: { number: 'asc' } }),
      (v) => v.programmeId,
    ),
  };
}

export type VersionLoaders = ReturnType<typeof createVersionLoaders>;
