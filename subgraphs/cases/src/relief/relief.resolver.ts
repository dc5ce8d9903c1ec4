import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { formatYuan } from '@doudi/shared';
import { Case } from '../case/case.entity.js';
import { CaseRelief } from './case-relief.entity.js';
import type { Context } from '../context.js';

@Resolver(() => Case)
export class CaseReliefListResolver {
  // Whoever may see the case sees the relief granted for it (the case resolvers checked that already).
  @FieldResolver(() => [CaseRelief], { description: 'Relief granted for this case, in the order it was granted.' })
  relief(@Root() found: Case, @Ctx() { loaders }: Context) {
    return loaders.reliefByCase.load(found.id);
  }
}

@Resolver(() => CaseRelief)
export class CaseReliefResolver {
  @FieldResolver(() => String, { description: 'In yuan, e.g. "1234.50".' })
  amount(@Root() relief: CaseRelief) {
    return formatYuan(relief.amountFen);
  }
}
