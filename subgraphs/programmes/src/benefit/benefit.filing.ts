import {
  INTERNAL_ROUTES,
  internalRouteUrl,
  postSigned,
  serviceUnavailable,
  type DeclaredRelativesAnswer,
  type DeliverySigner,
  type MemberIdHashesAnswer,
  type Principal,
  actorOf,
} from '@doudi/shared';
import { StaffRelation } from './benefit-status.js';

type Match = DeclaredRelativesAnswer['matches'][number];

const RELATIONSHIPS: Record<string, string> = {
  SPOUSE: '配偶',
  PARENT: '父母',
  CHILD: '子女',
  SIBLING: '兄弟姐妹',
  GRANDPARENT: '(外)祖父母',
  GRANDCHILD: '(外)孙子女',
};

/**
 * 备案 without relying on honesty (临社救办发〔2015〕3号 二(一): 经办人员和村(居)民委员会工作人员近亲属享受社会救助备案):
 * the declarations of the people in a decision's chain — the proposer, the approver — and of the household's village
 * committees that concern one of its members, matched by keyed ID-number hash between households and organisations
 * on their service-signed routes. Neither answers, and the decision waits: SERVICE_UNAVAILABLE (a proposal is never
 * left unfiled because a part was down).
 */
export function relativeFiling(
  householdsUrl: string,
  organisationsUrl: string,
  signer: DeliverySigner,
  timeoutMs: number,
) {
  const ask = async <T>(to: 'households' | 'organisations', url: string, body: unknown): Promise<T> => {
    let response: Response;
    try {
      response = await postSigned(signer, to, url, body, timeoutMs);
    } catch {
      throw serviceUnavailable(
        to,
        `The ${to} service could not be asked for the filing (备案) check; try again shortly`,
      );
    }
    if (!response.ok)
      throw serviceUnavailable(to, `The ${to} service refused the filing (备案) check; try again shortly`);
    return (await response.json()) as T;
  };
  return {
    /** The declarations that concern the household through these staff accounts or its villages' committees. */
    async relativesIn(householdId: string, accountIds: string[]): Promise<Match[]> {
      const { households } = await ask<MemberIdHashesAnswer>(
        'households',
        internalRouteUrl(householdsUrl, INTERNAL_ROUTES.memberIdHashes),
        {
          householdIds: [householdId],
        },
      );
      const household = households[householdId];
      if (!household?.idNumberHashes.length) return [];
      const { matches } = await ask<DeclaredRelativesAnswer>(
        'organisations',
        internalRouteUrl(organisationsUrl, INTERNAL_ROUTES.declaredRelatives),
        { idNumberHashes: household.idNumberHashes, accountIds, villageCodes: household.villageCodes },
      );
      return matches;
    },
  };
}
export type RelativeFiling = ReturnType<typeof relativeFiling>;

/** Why a decision is filed, in the register's words: each declaration that matched, and who declared it. */
export function filingReasonOf(matches: Match[], step: '提出' | '审批'): string | null {
  if (!matches.length) return null;
  const each = matches.map(
    (m) =>
      `${RELATIONSHIPS[m.relationship] ?? m.relationship}（申报单位 ${m.organisationId}，` +
      `${m.accountId ? `工作人员 ${m.accountId}` : '村委会成员'}）`,
  );
  return `${step}时发现家庭成员为经办人员或村委会成员的近亲属：${each.join('；')}`;
}

/** The filing a decision gets: CLOSE_RELATIVE unless the proposer already declared STAFF, and the reason appended. */
export function filedAs(current: { staffRelation: StaffRelation; filingReason: string | null }, reason: string | null) {
  if (!reason) return {};
  return {
    staffRelation: current.staffRelation === StaffRelation.NONE ? StaffRelation.CLOSE_RELATIVE : current.staffRelation,
    filingReason: current.filingReason ? `${current.filingReason}；${reason}` : reason,
  };
}

/** What the filing check found of one step taken by `principal` (the person who answers for it) for a household. */
export async function filingOfStep(
  filing: RelativeFiling,
  householdId: string,
  principal: Principal,
  step: '提出' | '审批',
): Promise<string | null> {
  const actor = actorOf(principal);
  return filingReasonOf(await filing.relativesIn(householdId, actor ? [actor] : []), step);
}
