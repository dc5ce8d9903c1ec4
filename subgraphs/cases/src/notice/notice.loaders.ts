import type { EntityManager } from '@mikro-orm/postgresql';
import { byCase } from '../loader-kit.js';
import { PublicNotice } from './notice.entity.js';

export function createNoticeLoaders(em: EntityManager) {
  return {
    noticesByCase: byCase(em, PublicNotice),
  };
}

export type NoticeLoaders = ReturnType<typeof createNoticeLoaders>;
