import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Case } from '../case/case.entity.js';
import { CaseScreening } from './screening-lead.entity.js';
import { readsSensitive } from '../case/case.access.js';
import type { Context } from '../context.js';

/** The facts of programmes/src/eligibility/FACTS.md that are health facts (sensitive). */
const HEALTH_FACTS = new Set([
  'members.disabled',
  'members.disabilityGrade',
  'members.disabilityCategory',
  'members.seriousIllness',
  'members.chronicIllness',
]);
/** EXPENDITURE_HARDSHIP rests on a member's serious illness (shared/src/events/screening.ts). */
const HEALTH_KEY_GROUPS = new Set(['EXPENDITURE_HARDSHIP']);

/** What the screening found, on the DATA_COMPARISON case it opened (河鱼府发【2021】39号 二(四)). */
@Resolver(() => Case)
export class CaseScreeningResolver {
  @FieldResolver(() => CaseScreening, {
    nullable: true,
    description:
      'A lead opened by the screening of every household: the programmes and clauses that matched and the facts ' +
      'behind them (河鱼府发【2021】39号 二(四); 临社救办发〔2015〕3号 二(一)). Null for other cases.',
  })
  async screening(@Root() found: Case, @Ctx() { loaders, principal }: Context): Promise<CaseScreening | null> {
    if (found.channel !== 'DATA_COMPARISON') return null;
    const lead = await loaders.screeningLeadByCase.load(found.id);
    if (!lead) return null;
    // Health facts, and the key group that rests on them, only for those who may read them (docs/architecture.md).
    const sensitive = readsSensitive(principal, found);
    const shown = (path: string) => sensitive || !HEALTH_FACTS.has(path);
    return {
      screenedOn: lead.screenedOn,
      keyGroups: lead.keyGroups.filter((group) => sensitive || !HEALTH_KEY_GROUPS.has(group)),
      matches: lead.matches.map((m) => ({
        ...m,
        // By path: the stored JSON keeps no order of its own.
        facts: Object.entries(m.facts)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([path, value]) =>
            shown(path)
              ? { path, value: JSON.stringify(value ?? null), withheld: false }
              : { path, value: null, withheld: true },
          ),
      })),
    };
  }
}
