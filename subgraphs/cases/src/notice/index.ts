import { aggregate } from '@doudi/shared';
import { PublicNotice } from './notice.entity.js';
import { CaseNoticesResolver, NoticeResolver } from './notice.resolver.js';
import { createNoticeLoaders } from './notice.loaders.js';

/** A case's public notices. */
export const notice = aggregate({
  entities: [PublicNotice],
  resolvers: [CaseNoticesResolver, NoticeResolver],
  loaders: createNoticeLoaders,
});
