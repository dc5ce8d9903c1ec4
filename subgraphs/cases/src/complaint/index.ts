import { aggregate } from '@doudi/shared';
import { Complaint, ComplaintNumber } from './complaint.entity.js';
import { ComplaintResolver } from './complaint.resolver.js';

/** Complaints and clues to the supervision hotline (监督举报). */
export const complaint = aggregate({
  entities: [Complaint, ComplaintNumber],
  resolvers: [ComplaintResolver],
});
