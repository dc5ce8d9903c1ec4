import type { SubgraphContext } from '@doudi/shared';
import type { CaseLoaders } from './case/case.loaders.js';
import type { DocumentLoaders } from './document/document.loaders.js';
import type { DiscoveryLoaders } from './discovery/discovery.loaders.js';
import type { EconomicCheckLoaders } from './economic-check/economic-check.loaders.js';
import type { EmergencyLoaders } from './emergency/emergency.loaders.js';
import type { FollowUpLoaders } from './follow-up/follow-up.loaders.js';
import type { HouseholdLoaders } from './household/household.loaders.js';
import type { NoticeLoaders } from './notice/notice.loaders.js';
import type { ReferralLoaders } from './referral/referral.loaders.js';
import type { ReliefLoaders } from './relief/relief.loaders.js';
import type { TaskLoaders } from './task/task.loaders.js';
import type { TimelineLoaders } from './timeline/timeline.loaders.js';
import type { VisitLoaders } from './visit/visit.loaders.js';
import type { Services } from './setup.js';

/**
 * A request's loaders: those of every aggregate that has some (aggregates.ts makes them); every list and
 * reference field of a page of cases costs one query (test/n-plus-one.test.ts). Named from each folder's loaders
 * file, not its face, so that resolvers can use this type without an import cycle; index.ts checks that the
 * faces make exactly these.
 */
export type Loaders = CaseLoaders &
  DiscoveryLoaders &
  DocumentLoaders &
  EconomicCheckLoaders &
  EmergencyLoaders &
  FollowUpLoaders &
  HouseholdLoaders &
  NoticeLoaders &
  ReferralLoaders &
  ReliefLoaders &
  TaskLoaders &
  TimelineLoaders &
  VisitLoaders;
export type Context = SubgraphContext<Loaders, Services>;
