import type { EntityManager } from '@mikro-orm/postgresql';
import { groupLoader, isUuid, rowReader } from '@doudi/shared';
import { ProgrammeVersion } from './programme-version.entity.js';

export function createVersionLoaders(em: EntityManager) {
  return {
    /**
     * A programme's versions, oldest first, read as rows (rowReader): every eligibility read consults them, and
     * hydrating their JSON settings as managed entities on each request was most of programmes' CPU on a page of
     * households. Read-only: publishing loads a version through the ORM.
     */
    versionsByProgramme: groupLoader(
      async (ids) =>
        (
          (await em
            .getConnection()
            .execute(
              `select * from ${em.getMetadata().get(ProgrammeVersion.name).tableName} where programme_id = any(?::uuid[]) order by number asc`,
              [`{${ids.filter(isUuid).join(',')}}`],
            )) as Record<string, unknown>[]
        ).map(rowReader(em, ProgrammeVersion)),
      (v) => v.programmeId,
    ),
  };
}

export type VersionLoaders = ReturnType<typeof createVersionLoaders>;
