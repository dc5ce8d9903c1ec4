import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Programme } from '../programme/programme.entity.js';

export enum EligibilityOutcome {
  ELIGIBLE = 'ELIGIBLE',
  NOT_ELIGIBLE = 'NOT_ELIGIBLE',
  MISSING_INFORMATION = 'MISSING_INFORMATION',
  NO_RULE = 'NO_RULE',
}
registerEnumType(EligibilityOutcome, {
  name: 'EligibilityOutcome',
  valuesConfig: {
    ELIGIBLE: { description: 'Every condition holds.' },
    NOT_ELIGIBLE: { description: 'A condition fails.' },
    MISSING_INFORMATION: {
      description: 'No condition fails, but a fact the rule needs is not recorded (or not visible to you).',
    },
    NO_RULE: { description: 'The programme has no eligibility rule: decided case by case.' },
  },
});

export enum ClauseResult {
  TRUE = 'TRUE',
  FALSE = 'FALSE',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(ClauseResult, { name: 'ClauseResult' });

@ObjectType({ description: 'One condition of a rule and how it came out for this household.' })
export class RuleClause {
  @Field(() => String, { description: 'The condition as written in the rule.' })
  expression: string;

  @Field(() => ClauseResult)
  result: ClauseResult;

  @Field(() => [String], { description: 'Facts it needs that are not known, e.g. household.perCapitaIncome.' })
  missing: string[];

  @Field(() => String, { nullable: true, description: 'Set when the condition could not be evaluated.' })
  error?: string | null;
}

@ObjectType({ description: 'Whether a household meets a programme’s rule in force, with every condition explained.' })
export class EligibilityResult {
  @Field(() => Programme)
  programme: Programme;

  @Field(() => EligibilityOutcome)
  outcome: EligibilityOutcome;

  @Field(() => String, { nullable: true })
  rule: string | null;

  @Field(() => [RuleClause])
  clauses: RuleClause[];

  @Field(() => [String], { description: 'Every fact still to record before the answer is certain.' })
  missing: string[];
}

@ObjectType({ description: 'How many households a draft rule would cover, of those you can see.' })
export class RuleMatchCount {
  @Field(() => Int)
  households: number;

  @Field(() => Int)
  eligible: number;

  @Field(() => Int)
  notEligible: number;

  @Field(() => Int)
  missingInformation: number;
}

@ObjectType({ description: 'How a draft rule comes out for one household, condition by condition.' })
export class RuleExplanationResult {
  @Field(() => EligibilityOutcome)
  outcome: EligibilityOutcome;

  @Field(() => [RuleClause])
  clauses: RuleClause[];

  @Field(() => [String], { description: 'Every fact still to record before the answer is certain.' })
  missing: string[];
}

@ObjectType({ description: 'A fact an eligibility rule or benefit formula may read (FACTS.md).' })
export class EligibilityFact {
  @Field(() => String, { description: 'As written in a rule, e.g. household.perCapitaIncome or members.age.' })
  path: string;

  @Field(() => String, { description: 'CEL type: int, double, string, bool or list<string>.' })
  type: string;

  @Field(() => String)
  description: string;

  @Field(() => String, { nullable: true, description: 'When the fact is null (not known); null if always known.' })
  whenNull: string | null;
}
