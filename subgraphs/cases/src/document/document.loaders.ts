import type { EntityManager } from '@mikro-orm/postgresql';
import { groupLoader, isUuid } from '@doudi/shared';
import { byCase, byId } from '../loader-kit.js';
import { CaseDocument } from './document.entity.js';

export function createDocumentLoaders(em: EntityManager) {
  return {
    caseDocument: byId(em, CaseDocument),
    documentsByCase: byCase(em, CaseDocument, [{ createdAt: 'asc' }, { id: 'asc' }]),
    documentsByReferral: groupLoader<CaseDocument>(
      (ids) =>
        em.find(
          CaseDocument,
          { referralId: { $in: ids.filter(isUuid) } },
          { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
        ),
      (row) => row.referralId!,
    ),
  };
}

export type DocumentLoaders = ReturnType<typeof createDocumentLoaders>;
