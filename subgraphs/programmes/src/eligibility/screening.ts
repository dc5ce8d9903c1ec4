import { invalidState } from '@doudi/shared';
import {
  CelEvaluationError,
  compileFormula,
  compileRule,
  evaluateFormula,
  explainRule,
  type RuleExplanation,
} from './cel.js';
import { householdFacts } from './household-facts.js';
import type { Facts } from './facts.js';
import type { HouseholdRecord } from '../household/household-directory.js';
import type { LocalStandard } from '../standard/local-standard.entity.js';

// Rules and formulas come from published versions (checked on save); compiling is cached per source text.
const compiledRules = new Map<string, ReturnType<typeof compileRule>>();
const compiledFormulas = new Map<string, ReturnType<typeof compileFormula>>();
const MAX_CACHED = 500;

function cached<T>(cache: Map<string, T>, source: string, compile: (s: string) => T): T {
  let compiled = cache.get(source);
  if (!compiled) {
    if (cache.size >= MAX_CACHED) cache.clear();
    compiled = compile(source);
    cache.set(source, compiled);
  }
  return compiled;
}

/** Explains a rule for a household's facts (built once per household: householdFacts). */
export function explainFor(rule: string, facts: Facts): RuleExplanation {
  return explainRule(cached(compiledRules, rule, compileRule), facts);
}

/** Explanations already given, by rule and facts: the same household read again on the same day is not re-screened. */
const explained = new Map<string, RuleExplanation>();
const MAX_EXPLAINED = 10_000;
/** Each facts object is written out once, whatever the number of rules read against it. */
const factsKeys = new WeakMap<Facts, string>();

/**
 * explainFor for reads of rules in force (Household.eligibility, screen): an explanation is a function of the rule's
 * text and the facts alone, so one given for the very same rule and facts is given again — a changed fact, standard,
 * benefit, age or published version makes another key. The oldest entry goes first beyond MAX_EXPLAINED; callers
 * must not change what they get.
 */
export function explainInForce(rule: string, facts: Facts): RuleExplanation {
  let factsKey = factsKeys.get(facts);
  if (factsKey === undefined) {
    factsKey = JSON.stringify(facts);
    factsKeys.set(facts, factsKey);
  }
  const key = `${rule}\u0000${factsKey}`;
  let explanation = explained.get(key);
  if (!explanation) {
    explanation = explainFor(rule, facts);
    if (explained.size >= MAX_EXPLAINED) explained.delete(explained.keys().next().value!);
    explained.set(key, explanation);
  }
  return explanation;
}

export function formulaAmount(
  formula: string,
  household: HouseholdRecord,
  standards: LocalStandard | null,
  date: string,
) {
  const facts = householdFacts(household, standards, [], date);
  try {
    return evaluateFormula(cached(compiledFormulas, formula, compileFormula), facts);
  } catch (error) {
    // The formula compiled on save but cannot give an amount for this household (e.g. a division by zero):
    // the configuration must change, not the caller's input.
    if (error instanceof CelEvaluationError) {
      throw invalidState(`The programme's formula gives no amount for this household: ${error.message}`, {
        formula,
      });
    }
    throw error;
  }
}
