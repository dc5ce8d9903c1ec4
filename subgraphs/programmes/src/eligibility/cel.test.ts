import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import {
  CelCompileError,
  CelEvaluationError,
  compileFormula,
  compileRule,
  evaluateFormula,
  explainRule,
  MAX_EVALUATION_STEPS,
  MAX_SOURCE_LENGTH,
} from './cel.js';
import { deriveStandards, FACT_DECLARATIONS, type Facts, type HouseholdFacts, type MemberFacts } from './facts.js';

function member(values: Partial<MemberFacts> = {}): MemberFacts {
  return {
    age: 40,
    sex: 'FEMALE',
    relationship: 'SELF',
    orphan: false,
    unattendedChild: false,
    schooling: 'FINISHED',
    employment: 'UNEMPLOYED',
    workAbility: 'FULL',
    veteran: 'NONE',
    disabled: false,
    disabilityGrade: null,
    disabilityCategory: null,
    seriousIllness: false,
    chronicIllness: false,
    ...values,
  };
}

/** A rural household of the given members in a county whose rural dibao line is 650 yuan a month. */
function facts(household: Partial<HouseholdFacts> = {}, members: MemberFacts[] = [member()]): Facts {
  const h: HouseholdFacts = {
    size: members.length,
    hukouType: 'RURAL',
    jurisdictionCode: '141002100000',
    residenceCode: '141002100000',
    perCapitaIncome: 400,
    totalAssets: 1000,
    povertyMonitoring: 'NONE',
    hasAbleObligor: false,
    receives: [],
    ...household,
  };
  return {
    household: h,
    members,
    standards: deriveStandards({ dibaoUrban: 800, dibaoRural: 650, tekun: 900 }, h.hukouType),
  };
}

function explain(rule: string, f: Facts) {
  return explainRule(compileRule(rule), f);
}

function compileError(source: string, compile: (s: string) => unknown = compileRule): CelCompileError {
  try {
    compile(source);
  } catch (error) {
    expect(error).toBeInstanceOf(CelCompileError);
    return error as CelCompileError;
  }
  throw new Error(`expected ${JSON.stringify(source)} to be refused`);
}

// 临社救办发〔2015〕3号 二(一): "完善家庭收入计算办法,切实做到按实际收入计算家庭收入" — dibao goes to households whose
// actual per-capita income is under the line set by the city, with no obligor able to support them.
describe('dibao rule (临社救办发〔2015〕3号 二(一))', () => {
  const DIBAO = 'household.perCapitaIncome < standards.dibaoLine && !household.hasAbleObligor';

  it('finds a household under the dibao line with no able obligor eligible', () => {
    expect(explain(DIBAO, facts({ perCapitaIncome: 400 }))).toEqual({
      outcome: 'ELIGIBLE',
      clauses: [
        { expression: 'household.perCapitaIncome < standards.dibaoLine', result: 'TRUE', missing: [] },
        { expression: '!household.hasAbleObligor', result: 'TRUE', missing: [] },
      ],
    });
  });

  it('finds a household over the line not eligible and shows which clause failed', () => {
    const result = explain(DIBAO, facts({ perCapitaIncome: 700 }));
    expect(result.outcome).toBe('NOT_ELIGIBLE');
    expect(result.clauses.map((c) => c.result)).toEqual(['FALSE', 'TRUE']);
  });

  it('asks for the income when none is recorded', () => {
    const result = explain(DIBAO, facts({ perCapitaIncome: null }));
    expect(result.outcome).toBe('MISSING_INFORMATION');
    expect(result.clauses[0]).toEqual({
      expression: 'household.perCapitaIncome < standards.dibaoLine',
      result: 'UNKNOWN',
      missing: ['household.perCapitaIncome'],
    });
  });

  it('does not ask for the income when an able obligor already rules the household out', () => {
    expect(explain(DIBAO, facts({ perCapitaIncome: null, hasAbleObligor: true })).outcome).toBe('NOT_ELIGIBLE');
  });

  it('asks for the dibao line when the jurisdiction has none for the year or the hukou type is unknown', () => {
    const result = explain(DIBAO, facts({ hukouType: null }));
    expect(result.outcome).toBe('MISSING_INFORMATION');
    expect(result.clauses[0].missing).toEqual(['standards.dibaoLine']);
  });
});

// 河鱼府发【2021】39号 一: "家庭成员人均月收入高于城乡最低生活保障标准但低于城乡最低生活保障标准的1.5倍的低收入家庭".
describe('low-income households (河鱼府发【2021】39号 一)', () => {
  const LOW_INCOME =
    'household.perCapitaIncome >= standards.dibaoLine && household.perCapitaIncome < standards.lowIncomeLine';

  it('finds incomes from the dibao line up to 1.5 times it eligible', () => {
    expect(explain(LOW_INCOME, facts({ perCapitaIncome: 650 })).outcome).toBe('ELIGIBLE');
    expect(explain(LOW_INCOME, facts({ perCapitaIncome: 974.99 })).outcome).toBe('ELIGIBLE');
    expect(explain(LOW_INCOME, facts({ perCapitaIncome: 975 })).outcome).toBe('NOT_ELIGIBLE');
    expect(explain(LOW_INCOME, facts({ perCapitaIncome: 649.99 })).outcome).toBe('NOT_ELIGIBLE');
  });

  it('accepts the multiplier written into the rule with whole-number and decimal literals', () => {
    const rule = 'household.perCapitaIncome < standards.dibaoLine * 1.5 && household.totalAssets < 50000';
    expect(explain(rule, facts({ perCapitaIncome: 900 })).outcome).toBe('ELIGIBLE');
    expect(
      explain('household.perCapitaIncome < standards.dibaoLine * 2', facts({ perCapitaIncome: 1299 })).outcome,
    ).toBe('ELIGIBLE');
    expect(explain('household.size >= 2 && household.size == 2.0', facts({ size: 2 })).outcome).toBe('ELIGIBLE');
  });
});

// 临社救办发〔2015〕3号 二(二)1: "把无劳动能力、无生活来源且无法定赡养、抚养、扶养义务人,或者其法定赡养、抚养、扶养义务人
// 无赡养、抚养、扶养能力的老年人、残疾人以及未满16周岁的未成年人,及时纳入特困人员供养范围".
describe('tekun rule (临社救办发〔2015〕3号 二(二))', () => {
  const TEKUN =
    "members.exists(m, (m.age >= 60 || m.disabled || m.age < 16) && m.workAbility == 'NONE') && !household.hasAbleObligor";

  it('finds an old person unable to work with no able obligor eligible', () => {
    expect(explain(TEKUN, facts({}, [member({ age: 72, workAbility: 'NONE' })])).outcome).toBe('ELIGIBLE');
  });

  it('finds a child under 16 eligible but not one who has turned 16', () => {
    expect(explain(TEKUN, facts({}, [member({ age: 15, workAbility: 'NONE' })])).outcome).toBe('ELIGIBLE');
    expect(explain(TEKUN, facts({}, [member({ age: 16, workAbility: 'NONE' })])).outcome).toBe('NOT_ELIGIBLE');
  });

  it('finds the household not eligible when an obligor is able to support', () => {
    const result = explain(TEKUN, facts({ hasAbleObligor: true }, [member({ age: 72, workAbility: 'NONE' })]));
    expect(result.outcome).toBe('NOT_ELIGIBLE');
    expect(result.clauses.map((c) => c.result)).toEqual(['TRUE', 'FALSE']);
  });

  it('needs no health facts for a person whose age already qualifies', () => {
    expect(explain(TEKUN, facts({}, [member({ age: 72, disabled: null, workAbility: 'NONE' })])).outcome).toBe(
      'ELIGIBLE',
    );
  });

  it('asks whether a working-age person unable to work is disabled when the caller cannot see it', () => {
    const result = explain(TEKUN, facts({}, [member({ age: 40, disabled: null, workAbility: 'NONE' })]));
    expect(result.outcome).toBe('MISSING_INFORMATION');
    expect(result.clauses[0].missing).toEqual(['members.disabled']);
  });
});

// 晋检发办字〔2023〕10号 第十八条: "为符合救助条件的0—6周岁视力、听力、言语、肢体、智力等残疾儿童和孤独症儿童…给予康复补助";
// 襄政办发〔2023〕26号 六(十一): "对符合救助条件的0—15岁残疾儿童提供康复救助".
describe('disabled child rehabilitation (晋检发办字〔2023〕10号 第十八条, 襄政办发〔2023〕26号 六(十一))', () => {
  const AGED_0_6 = 'members.exists(m, m.disabled && m.age <= 6)';
  const AGED_0_15 = 'members.exists(m, m.disabled && m.age <= 15)';
  const family = (child: Partial<MemberFacts>) => facts({}, [member(), member({ relationship: 'CHILD', ...child })]);

  it('finds a family with a disabled five-year-old eligible', () => {
    expect(explain(AGED_0_6, family({ age: 5, disabled: true })).outcome).toBe('ELIGIBLE');
  });

  it('applies each county’s age limit: a disabled seven-year-old qualifies under 0–15 but not 0–6', () => {
    expect(explain(AGED_0_6, family({ age: 7, disabled: true })).outcome).toBe('NOT_ELIGIBLE');
    expect(explain(AGED_0_15, family({ age: 7, disabled: true })).outcome).toBe('ELIGIBLE');
  });

  it('reports members.disabled missing when the caller may not see disability', () => {
    const f = facts({}, [member({ disabled: null }), member({ relationship: 'CHILD', age: 5, disabled: null })]);
    expect(explain(AGED_0_6, f)).toEqual({
      outcome: 'MISSING_INFORMATION',
      clauses: [{ expression: AGED_0_6, result: 'UNKNOWN', missing: ['members.disabled'] }],
    });
  });

  it('is eligible when one child is known to qualify although another member’s disability is unknown', () => {
    const f = facts({}, [member({ disabled: null }), member({ relationship: 'CHILD', age: 5, disabled: true })]);
    expect(explain(AGED_0_6, f).outcome).toBe('ELIGIBLE');
  });
});

// 晋检发办字〔2023〕10号 第十一条: "未成年人父母因案致其未成年人子女成为孤儿或事实无人抚养儿童的，及时依照有关政策规定纳入保障范围。"
describe('orphans', () => {
  const ORPHAN = 'members.exists(m, m.age < 16 && m.orphan)';

  it('finds a household with an orphan under 16 eligible and one without not eligible', () => {
    expect(explain(ORPHAN, facts({}, [member({ age: 10, orphan: true })])).outcome).toBe('ELIGIBLE');
    expect(explain(ORPHAN, facts({}, [member({ age: 10 })])).outcome).toBe('NOT_ELIGIBLE');
  });

  it('asks for the age of an orphan whose birth date is unknown', () => {
    const result = explain(ORPHAN, facts({}, [member({ age: null, orphan: true })]));
    expect(result.outcome).toBe('MISSING_INFORMATION');
    expect(result.clauses[0].missing).toEqual(['members.age']);
  });
});

describe('explanations', () => {
  it('lists every clause in source order without outer parentheses and combines them three-valued', () => {
    const rule = "((household.size >= 2)) && (household.hukouType == 'RURAL' || household.totalAssets < 50000)";
    const result = explain(rule, facts({ hukouType: null }, [member(), member()]));
    expect(result).toEqual({
      outcome: 'ELIGIBLE',
      clauses: [
        { expression: 'household.size >= 2', result: 'TRUE', missing: [] },
        { expression: "household.hukouType == 'RURAL'", result: 'UNKNOWN', missing: ['household.hukouType'] },
        { expression: 'household.totalAssets < 50000', result: 'TRUE', missing: [] },
      ],
    });
  });

  it('quotes negated and parenthesised clauses whole', () => {
    const rule = "(household.size) + 1 > 2 && !('TEKUN' in household.receives) && ( !(household.totalAssets > 50000) )";
    expect(explain(rule, facts({}, [member(), member()])).clauses.map((c) => [c.expression, c.result])).toEqual([
      ['(household.size) + 1 > 2', 'TRUE'],
      ["!('TEKUN' in household.receives)", 'TRUE'],
      ['!(household.totalAssets > 50000)', 'TRUE'],
    ]);
  });

  it('keeps an either-or rule unknown when one side is unknown and the other false', () => {
    const rule = "household.hukouType == 'RURAL' || household.totalAssets < 50000";
    expect(explain(rule, facts({ hukouType: null, totalAssets: 80000 })).outcome).toBe('MISSING_INFORMATION');
  });

  it('reads the programmes a household already receives', () => {
    const rule = "'DIBAO' in household.receives && !household.receives.exists(k, k == 'TEKUN')";
    expect(explain(rule, facts({ receives: ['DIBAO', 'MEDICAL'] })).outcome).toBe('ELIGIBLE');
    expect(explain(rule, facts({ receives: ['DIBAO', 'TEKUN'] })).outcome).toBe('NOT_ELIGIBLE');
  });

  it('marks a clause that fails for a reason other than a missing fact as a rule error, without crashing', () => {
    const result = explain('household.size / 0 > 1 && household.size >= 1', facts());
    expect(result.outcome).toBe('MISSING_INFORMATION');
    expect(result.clauses[0]).toEqual({
      expression: 'household.size / 0 > 1',
      result: 'UNKNOWN',
      missing: [],
      error: 'division by zero',
    });
  });

  it('lists the facts a rule reads', () => {
    const rule = compileRule('members.exists(m, m.age < 16 && m.orphan) && household.size > 1');
    expect(rule.facts).toEqual(['members.age', 'members.orphan', 'household.size']);
  });
});

describe('refusing a rule', () => {
  it('points at a syntax error on the second line', () => {
    const error = compileError('household.perCapitaIncome < standards.dibaoLine\n  && && !household.hasAbleObligor');
    expect(error.message).toBe("syntax error: unexpected '&&'");
    expect(error.position).toEqual({ line: 2, column: 6, offset: 53 });
  });

  it('points at an unterminated string', () => {
    const error = compileError("household.hukouType == 'RURAL");
    expect(error.message).toMatch(/^syntax error: /);
    expect(error.position?.column).toBe(24);
  });

  it('refuses a fact that is not in the fact model, pointing at its name', () => {
    const error = compileError('household.size > 1 && household.income < 500');
    expect(error.message).toBe('unknown fact household.income');
    expect(error.position).toEqual({ line: 1, column: 33, offset: 32 });
    expect(compileError('members.exists(m, m.income > 0)').message).toBe('unknown fact members.income');
  });

  it('refuses an unknown variable, including a macro variable used outside its macro', () => {
    expect(compileError('income < 500')).toMatchObject({
      message: 'unknown variable income',
      position: { line: 1, column: 1, offset: 0 },
    });
    const error = compileError('members.exists(m, m.orphan) && m.age < 16');
    expect(error.message).toBe('unknown variable m');
    expect(error.position?.column).toBe(32);
  });

  it('tells the author that members is a list', () => {
    expect(compileError('members.age < 16').message).toBe('members is a list: write members.exists(m, m.age …)');
  });

  it('refuses a rule that is not true or false', () => {
    expect(compileError('household.size + 1').message).toBe('a rule must be true or false, this one is int');
    expect(compileError("'yes'").message).toBe('a rule must be true or false, this one is string');
  });

  it('refuses comparing a number with text', () => {
    const error = compileError("household.size > 'three'");
    expect(error.position?.offset).toBe(0);
    expect(error.message).toMatch(/int > string/);
  });

  it('refuses macros nested four deep, which could take minutes on a large household', () => {
    const rule = 'members.exists(a, members.exists(b, members.exists(c, members.exists(d, a.age > d.age))))';
    expect(compileError(rule)).toMatchObject({ message: 'exists() nested more than 3 deep', position: { column: 55 } });
    expect(() => compileRule('members.exists(a, members.exists(b, members.exists(c, a.age > c.age)))')).not.toThrow();
  });

  it(`refuses a rule longer than ${MAX_SOURCE_LENGTH} characters`, () => {
    const long = Array.from({ length: 300 }, () => 'household.size > 1').join(' && ');
    expect(compileError(long).message).toBe(`the rule is longer than ${MAX_SOURCE_LENGTH} characters`);
  });
});

describe('benefit formulas', () => {
  // Dibao pays the gap (补差) between the line and the household's per-capita income, for every member.
  const TOP_UP = '(standards.dibaoLine - household.perCapitaIncome) * double(household.size)';

  it('pays the dibao top-up in fen', () => {
    const f = facts({ perCapitaIncome: 400.123 }, [member(), member(), member()]);
    expect(evaluateFormula(compileFormula(TOP_UP), f)).toEqual({ amountFen: 74963 });
  });

  it('rounds half a fen up', () => {
    expect(evaluateFormula(compileFormula(TOP_UP), facts({ perCapitaIncome: 649.995 }))).toEqual({ amountFen: 1 });
    expect(evaluateFormula(compileFormula('standards.dibaoLine * 2 - 0.005'), facts())).toEqual({ amountFen: 130000 });
  });

  it('pays nothing rather than a negative amount when income is over the line', () => {
    expect(evaluateFormula(compileFormula(TOP_UP), facts({ perCapitaIncome: 700 }))).toEqual({ amountFen: 0 });
  });

  it('reports the missing income instead of an amount', () => {
    expect(evaluateFormula(compileFormula(TOP_UP), facts({ perCapitaIncome: null }))).toEqual({
      missing: ['household.perCapitaIncome'],
    });
  });

  it('accepts whole-number formulas and mixed whole and decimal numbers', () => {
    expect(evaluateFormula(compileFormula('household.size * 100'), facts())).toEqual({ amountFen: 10000 });
    expect(evaluateFormula(compileFormula('standards.tekun * household.size'), facts())).toEqual({ amountFen: 90000 });
  });

  it('refuses a formula that is not a number and reports a formula that divides by zero', () => {
    expect(compileError('household.size > 1', compileFormula).message).toBe(
      'a formula must be a number, this one is bool',
    );
    expect(() => evaluateFormula(compileFormula('standards.dibaoLine / 0.0'), facts())).toThrow(CelEvaluationError);
  });
});

describe('fact documentation', () => {
  it('documents every fact of the model in FACTS.md', () => {
    const doc = readFileSync(new URL('./FACTS.md', import.meta.url), 'utf8');
    for (const { path } of FACT_DECLARATIONS) expect(doc).toMatch(new RegExp(`^\\| \`${path}\` +\\|`, 'm'));
  });

  it('compiles every example rule in FACTS.md', () => {
    const doc = readFileSync(new URL('./FACTS.md', import.meta.url), 'utf8');
    const examples = [...doc.matchAll(/\| `((?:members|household)[^`]*)` *\|$/gm)].map((m) =>
      m[1].replace(/\\\|/g, '|'),
    );
    expect(examples.length).toBeGreaterThanOrEqual(7);
    for (const rule of examples) expect(() => compileRule(rule)).not.toThrow();
  });
});

describe('the evaluation budget of a rule', () => {
  const list = `[${Array.from({ length: 200 }, (_, i) => i).join(', ')}]`;

  it('refuses on save a rule whose comprehensions multiply past the budget', () => {
    const error = compileError(`${list}.all(a, ${list}.all(b, ${list}.all(c, a + b + c >= 0)))`);
    expect(error.message).toMatch(
      /^the rule could take [\d,]+ steps for a household of 30 members, more than the 250,000 allowed/,
    );
  });

  it('refuses on save text doubled in nested cel.bind', () => {
    const doubling = Array.from({ length: 20 }, (_, i) => `cel.bind(s${i + 1}, s${i} + s${i},`).join(' ');
    const rule = `cel.bind(s0, "abcdefghijklmnop", ${doubling} size(s20) > 0${')'.repeat(21)}`;
    expect(compileError(rule).message).toMatch(/could take [\d,]+ steps/);
  });

  it('refuses regular expressions, whose time has no bound', () => {
    expect(compileError(`"aaaaaaaaaaaaaaaaaaaaaaaaaaaa!".matches("(a+)+$")`).message).toBe(
      'matches() is not allowed in rules: its time has no bound',
    );
  });

  it('still accepts three comprehensions over the members, which a household of 30 keeps within budget', () => {
    expect(() => compileRule('members.exists(a, members.exists(b, members.exists(c, a.age > c.age)))')).not.toThrow();
  });

  it('says so in the household’s result, without evaluating, when a larger household would blow the budget', () => {
    const rule = compileRule('members.exists(a, members.exists(b, members.exists(c, a.age > c.age)))');
    const many = Array.from({ length: 80 }, (_, i) => member({ age: 20 + i }));
    const started = performance.now();
    const result = explainRule(rule, facts({}, many));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result.outcome).toBe('MISSING_INFORMATION');
    expect(result.clauses[0].error).toMatch(
      new RegExp(
        `^not evaluated for this household: the rule could take [\\d,]+ steps for a household of 80 members, more than the ${MAX_EVALUATION_STEPS.toLocaleString('en')} allowed`,
      ),
    );
  });
});
