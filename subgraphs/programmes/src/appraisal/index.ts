import { aggregate } from '@doudi/shared';
import { DemocraticAppraisal } from './appraisal.entity.js';
import { DemocraticAppraisalResolver } from './appraisal.resolver.js';

/** Democratic appraisals (民主评议) of applications, a precondition of proposals where a programme requires it. */
export const appraisal = aggregate({
  entities: [DemocraticAppraisal],
  resolvers: [DemocraticAppraisalResolver],
});
