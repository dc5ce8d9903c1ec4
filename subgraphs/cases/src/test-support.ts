/** For the cases subgraph's own tests: cases with the three subgraphs it asks, each on a fresh database. */
import { ENV, newId, type Permission, type Principal, type Role } from '@doudi/shared';
import * as demo from '@doudi/shared/demo';
import { startTestSubgraph } from '@doudi/shared/testing';

/** The one set of result helpers (@doudi/shared/testing), so the cases tests read like every other. */
export { failure, mutation, ok } from '@doudi/shared/testing';
import { organisations } from '@doudi/organisations';
import { households } from '@doudi/households';
import { programmes } from '@doudi/programmes';
import { cases } from './index.js';

/**
 * Organisations, households and programmes with their demo data (the seeds' places, agencies, families and
 * time limits), and cases beside them with their addresses: due dates, consent and organisation kinds are
 * asked of the real services.
 */
export async function startCasesWithNeighbours() {
  const orgs = await startTestSubgraph(organisations, { demoData: true });
  const env: Record<string, string> = { [ENV.url('organisations')]: orgs.url };
  const families = await startTestSubgraph(households, { demoData: true, env });
  env[ENV.url('households')] = families.url;
  const configuration = await startTestSubgraph(programmes, { demoData: true, env });
  env[ENV.url('programmes')] = configuration.url;
  const subgraph = await startTestSubgraph(cases, { env });
  return {
    cases: subgraph,
    organisations: orgs,
    households: families,
    programmes: configuration,
    query: subgraph.query,
    stop: async () => {
      for (const running of [subgraph, configuration, families, orgs]) await running.stop();
    },
  };
}

export type Neighbourhood = Awaited<ReturnType<typeof startCasesWithNeighbours>>;

/** A staff member of an organisation, as the gateway would vouch for them. */
export function staffOf(organisationId: string, jurisdictionCode: string, role: Role): Principal {
  return { kind: 'STAFF', id: newId(), organisationId, jurisdictionCode, roles: [role], scopes: [] };
}

/** An agency's app with the given scopes. */
export function clientOf(organisationId: string, jurisdictionCode: string, scopes: Permission[]): Principal {
  return { kind: 'API_CLIENT', id: newId(), organisationId, jurisdictionCode, roles: [], scopes };
}

const o = demo.organisations;
export const people = {
  police: staffOf(o.xiangfenPolice.id, '141023000000', 'AGENCY_STAFF'),
  civilAffairs: staffOf(o.xiangfenCivilAffairs.id, '141023000000', 'AGENCY_STAFF'),
  agriculture: staffOf(o.xiangfenAgriculture.id, '141023000000', 'AGENCY_STAFF'),
  education: staffOf(o.xiangfenEducation.id, '141023000000', 'AGENCY_STAFF'),
  xinchengCaseworker: staffOf(o.xinchengTownship.id, '141023100000', 'CASEWORKER'),
  procurator: staffOf(o.jinjiangProcuratorate.id, '350582000000', 'AGENCY_STAFF'),
  jinjiangCivilAffairs: staffOf(o.jinjiangCivilAffairs.id, '350582000000', 'AGENCY_STAFF'),
  womensFederation: staffOf(o.jinjiangWomensFederation.id, '350582000000', 'AGENCY_STAFF'),
  zhoucunCivilAffairs: staffOf(o.zhoucunCivilAffairs.id, '370306000000', 'CASEWORKER'),
  heyuCaseworker: staffOf(o.heyuTownship.id, '500229218000', 'CASEWORKER'),
};

export const CASE = `id version stage status atWindow greenChannel receivedOn
  tasks { id kind status dueDate dueRule dueDateWarning completedOn organisation { id } }`;
export const REFERRAL = `id version status dueDate dueRule dueDateWarning overdue atRisk`;

export const taskOf = (found: Record<string, any>, kind: string) =>
  (found.tasks as Record<string, any>[]).find((t) => t.kind === kind)!;

export const SIX_AREAS = [
  { area: 'EDUCATION', situation: '儿子在读初二', needsHelp: true },
  { area: 'ELDERLY_CARE', situation: '婆婆76岁，无养老金', needsHelp: true },
  { area: 'MEDICAL', situation: '母亲患慢性肾病，需长期透析', needsHelp: true },
  { area: 'EMPLOYMENT', situation: '母亲无固定工作', needsHelp: true },
  { area: 'HOUSING', situation: '土坯房，尚可居住', needsHelp: false },
  { area: 'MENTAL_HEALTH', situation: '儿子情绪低落', needsHelp: true },
];
