import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Case } from '../case/case.entity.js';
import { CaseScreening } from './screening-lead.entity.js';
import type { Context } from '../context.js';

/** What the screening found, on the DATA_COMPARISON case it opened (河鱼府发【2021】39号 二(四)). */
@Resolver(() => Case)
export class CaseScreeningResolver {
  @FieldResolver(() => CaseScreening, {
    nullable: true,
    description:
      'A lead opened by the screening of every household: the programmes and clauses that matched and the facts ' +
      'behind them (河鱼府发【2021】39号 二(四); 临社救办发〔2015〕3号 二(一)). Null for other cases.',
  })
  async screening(@Root() found: Case, @Ctx() { loaders }: Context): Promise<CaseScreening | null> {
    if (found.channel !== 'DATA_COMPARISON') return null;
    const lead = await loaders.screeningLeadByCase.load(found.id);
    if (!lead) return null;
    return {
      screenedOn: lead.screenedOn,
      keyGroups: lead.keyGroups,
      matches: lead.matches.map((m) => ({
        ...m,
        // By path: the stored JSON keeps no order of its own.
        facts: Object.entries(m.facts)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([path, value]) => ({ path, value: JSON.stringify(value ?? null) })),
      })),
    };
  }
}
