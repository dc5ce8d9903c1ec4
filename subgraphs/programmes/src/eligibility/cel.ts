import { Environment, type ASTNode, type ParseResult } from '@marcbachmann/cel-js';
import { fieldsOf, type FactScope, type Facts } from './facts.js';

/**
 * Eligibility rules and benefit formulas in CEL, checked against the fact model in facts.ts.
 * Pure: no database, no network; an evaluation only reads the facts it is given.
 */

export interface CelPosition {
  line: number;
  column: number;
  offset: number;
}

export class CelCompileError extends Error {
  position: CelPosition | null;
  constructor(message: string, position: CelPosition | null) {
    super(message);
    this.name = 'CelCompileError';
    this.position = position;
  }
}

/** A formula that fails for a reason other than a missing fact (e.g. division by zero): a bug in the formula. */
export class CelEvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CelEvaluationError';
  }
}

export type ClauseResult = 'TRUE' | 'FALSE' | 'UNKNOWN';
export interface ClauseExplanation {
  expression: string;
  result: ClauseResult;
  missing: string[];
  /** Set when the clause failed for a reason other than a missing fact: the rule has a bug. */
  error?: string;
}
export type RuleOutcome = 'ELIGIBLE' | 'NOT_ELIGIBLE' | 'MISSING_INFORMATION';
export interface RuleExplanation {
  outcome: RuleOutcome;
  clauses: ClauseExplanation[];
}
export type FormulaResult = { amountFen: number } | { missing: string[] };

export interface CompiledRule {
  readonly source: string;
  /** Fact paths the rule reads, e.g. 'household.perCapitaIncome', 'members.age'. */
  readonly facts: readonly string[];
}
export interface CompiledFormula {
  readonly source: string;
  readonly facts: readonly string[];
}

export const MAX_SOURCE_LENGTH = 4000;
const MAX_MACRO_DEPTH = 3;

// The library checks values against declared types by class, so each scope gets its own.
class HouseholdValue {
  constructor(values: object) {
    Object.assign(this, values);
  }
}
class MemberValue extends HouseholdValue {}
class StandardsValue extends HouseholdValue {}

const SCOPES: FactScope[] = ['household', 'members', 'standards'];
const FIELDS = Object.fromEntries(SCOPES.map((s) => [s, fieldsOf(s)])) as Record<FactScope, Record<string, string>>;

const env = new Environment({ limits: { maxAstNodes: 2000, maxDepth: 48 } })
  .registerType('Household', { ctor: HouseholdValue, fields: FIELDS.household })
  .registerType('Member', { ctor: MemberValue, fields: FIELDS.members })
  .registerType('Standards', { ctor: StandardsValue, fields: FIELDS.standards })
  .registerVariable('household', 'Household')
  .registerVariable('members', 'list<Member>')
  .registerVariable('standards', 'Standards');
// CEL compares int with double but refuses to mix them in arithmetic and ==. An administrator writes
// `standards.dibaoLine * 2` or `household.size == 3.0` and means the obvious, so mixed operands are
// done in double.
const ARITHMETIC = {
  '+': (a: number, b: number) => a + b,
  '-': (a: number, b: number) => a - b,
  '*': (a: number, b: number) => a * b,
  '/': (a: number, b: number) => a / b,
};
for (const [op, fn] of Object.entries(ARITHMETIC)) {
  env.registerOperator(`int ${op} double`, (a: bigint, b: number) => fn(Number(a), b));
  env.registerOperator(`double ${op} int`, (a: number, b: bigint) => fn(a, Number(b)));
}
// Registering one direction of == registers the other and != as well.
env.registerOperator('int == double', (a: bigint, b: number) => Number(a) === b);

const MACROS = new Set(['all', 'exists', 'exists_one', 'filter', 'map']);

export function positionOf(source: string, offset: number): CelPosition {
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n'), offset };
}

function fail(source: string, message: string, offset: number | null | undefined): never {
  throw new CelCompileError(message, offset === null || offset === undefined ? null : positionOf(source, offset));
}

/** What a sub-expression denotes, as far as fact checking needs to know. */
type Kind = FactScope | 'member' | 'other';

/**
 * Refuses unknown variables and fields not in the fact model (the library's own messages would say
 * "No such key"), and collects the fact paths read.
 */
function scan(source: string, node: ASTNode, scope: Map<string, Kind>, facts: Set<string>, depth = 0): Kind {
  const field = (kind: Kind, name: string, at: number): Kind => {
    if (kind === 'members') fail(source, `members is a list: write members.exists(m, m.${name} …)`, at);
    if (kind === 'other') return 'other';
    const prefix = kind === 'member' ? 'members' : kind;
    if (!Object.hasOwn(FIELDS[prefix], name)) fail(source, `unknown fact ${prefix}.${name}`, at);
    facts.add(`${prefix}.${name}`);
    return 'other';
  };
  switch (node.op) {
    case 'id': {
      const bound = scope.get(node.args);
      if (bound) return bound;
      if (!(SCOPES as string[]).includes(node.args)) fail(source, `unknown variable ${node.args}`, node.range.start);
      return node.args as FactScope;
    }
    case '.':
    case '.?': {
      const [target, name] = node.args;
      const kind = scan(source, target, scope, facts, depth);
      return field(kind, name, source.lastIndexOf(name, node.range.end - name.length));
    }
    case '[]':
    case '[?]': {
      const [target, index] = node.args;
      const kind = scan(source, target, scope, facts, depth);
      scan(source, index, scope, facts, depth);
      if (kind === 'members') return 'member';
      if (kind === 'other') return 'other';
      if (index.op !== 'value' || typeof index.args !== 'string') {
        fail(source, `write ${kind === 'member' ? 'm' : kind}.<fact> to read a fact`, index.range.start);
      }
      return field(kind, index.args, index.range.start);
    }
    case 'rcall': {
      const [name, target, args] = node.args;
      const [bound, ...rest] = args;
      if (target.op === 'id' && target.args === 'cel' && name === 'bind' && bound?.op === 'id' && rest.length === 2) {
        const kind = scan(source, rest[0], scope, facts, depth);
        return scan(source, rest[1], new Map(scope).set(bound.args, kind), facts, depth);
      }
      const kind = scan(source, target, scope, facts, depth);
      if (MACROS.has(name) && bound?.op === 'id') {
        // Each nesting multiplies the work by the list's length; three covers any rule we have seen.
        if (depth >= MAX_MACRO_DEPTH)
          fail(source, `${name}() nested more than ${MAX_MACRO_DEPTH} deep`, node.range.start);
        const inner = new Map(scope).set(bound.args, kind === 'members' ? 'member' : 'other');
        for (const arg of rest) scan(source, arg, inner, facts, depth + 1);
        return name === 'filter' && kind === 'members' ? 'members' : 'other';
      }
      for (const arg of args) scan(source, arg, scope, facts, depth);
      return 'other';
    }
    case 'value':
      return 'other';
    default:
      for (const child of children(node.args)) scan(source, child, scope, facts, depth);
      return 'other';
  }
}

function children(args: unknown): ASTNode[] {
  if (Array.isArray(args)) return args.flatMap(children);
  return args !== null && typeof args === 'object' && 'op' in args ? [args as ASTNode] : [];
}

/**
 * What an evaluation may cost (issue 10 item 4: one saved rule once took 12 s per household). A rule's cost
 * is bounded before it is saved from an upper bound on the steps it takes: every comprehension multiplies
 * the cost of its body by the size of its list, `+` costs the size of what it joins, and a bound value
 * keeps its size (so doubling a string in each of a few nested cel.bind is seen for what it is).
 * The bound assumes MAX_ASSUMED_MEMBERS members and facts of at most MAX_ASSUMED_FACT_SIZE characters
 * or items; a household beyond that is costed again with its own sizes before evaluation.
 */
export const MAX_EVALUATION_STEPS = 250_000;
/** A household's members are bounded at 30 where they are recorded (households subgraph). */
export const MAX_ASSUMED_MEMBERS = 30;
export const MAX_ASSUMED_FACT_SIZE = 64;
/** Regular expressions (CEL's matches) run on JavaScript's backtracking engine: no bound on their time. */
const REFUSED_FUNCTIONS = new Set(['matches']);

interface Sizes {
  members: number;
  fact: number;
}
interface Estimate {
  cost: number;
  size: number;
  /** For a list: the size of one item (the list's size bounds its length). */
  item?: number;
}

function estimate(source: string, node: ASTNode, sizes: Sizes, bound: Map<string, Estimate>): Estimate {
  const sum = (estimates: Estimate[], pick: (e: Estimate) => number) => estimates.reduce((t, e) => t + pick(e), 0);
  // Functions (contains, split, size …) and `in` walk their operands; other operators take a step.
  const walks = node.op === 'call' || node.op === 'rcall' || node.op === 'in';
  const generic = (): Estimate => {
    const parts = children(node.args).map((child) => estimate(source, child, sizes, bound));
    return {
      cost: 1 + sum(parts, (e) => e.cost) + (walks ? sum(parts, (e) => e.size) : 0),
      size: Math.max(1, ...parts.map((e) => e.size)),
    };
  };
  switch (node.op) {
    case 'value':
      return { cost: 1, size: typeof node.args === 'string' ? Math.max(1, node.args.length) : 1 };
    case 'id': {
      const value = bound.get(node.args);
      if (value) return { cost: 1, size: value.size, item: value.item };
      if (node.args === 'members') return { cost: 1, size: sizes.members, item: 1 };
      return { cost: 1, size: sizes.fact, item: sizes.fact };
    }
    case '.':
    case '.?':
      return {
        cost: 1 + estimate(source, node.args[0], sizes, bound).cost,
        size: TEXT_FACTS.has(node.args[1]) ? sizes.fact : 1,
      };
    case '+': {
      // Text or lists joined: as long as both together (a list's items keep the larger bound).
      const [left, right] = node.args.map((arg: ASTNode) => estimate(source, arg, sizes, bound));
      const item =
        left.item === undefined && right.item === undefined ? undefined : Math.max(left.item ?? 1, right.item ?? 1);
      return { cost: 1 + left.cost + right.cost + left.size + right.size, size: left.size + right.size, item };
    }
    case 'list': {
      const parts = children(node.args).map((child) => estimate(source, child, sizes, bound));
      return {
        cost: 1 + sum(parts, (e) => e.cost),
        size: Math.max(1, parts.length),
        item: Math.max(1, ...parts.map((e) => e.size)),
      };
    }
    case 'call':
    case 'rcall': {
      const name = (node.args as unknown[])[0] as string;
      if (REFUSED_FUNCTIONS.has(name)) {
        fail(source, `${name}() is not allowed in rules: its time has no bound`, node.range.start);
      }
      if (node.op === 'call') return generic();
      const [, target, args] = node.args as [string, ASTNode, ASTNode[]];
      const [variable, ...rest] = args;
      if (
        target.op === 'id' &&
        target.args === 'cel' &&
        name === 'bind' &&
        variable?.op === 'id' &&
        rest.length === 2
      ) {
        const value = estimate(source, rest[0], sizes, bound);
        const body = estimate(source, rest[1], sizes, new Map(bound).set(variable.args, value));
        return { cost: 1 + value.cost + body.cost, size: body.size };
      }
      if (MACROS.has(name) && variable?.op === 'id') {
        const range = estimate(source, target, sizes, bound);
        const inner = new Map(bound).set(variable.args, { cost: 0, size: range.item ?? range.size });
        const bodies = rest.map((arg) => estimate(source, arg, sizes, inner));
        const perItem = 1 + sum(bodies, (e) => e.cost);
        const lists = name === 'map' || name === 'filter';
        return {
          cost: 1 + range.cost + range.size * perItem,
          size: lists ? range.size : 1,
          item: name === 'map' ? Math.max(1, bodies.at(-1)?.size ?? 1) : range.item,
        };
      }
      return generic();
    }
    case '<':
    case '<=':
    case '>':
    case '>=':
    case '-':
    case '*':
    case '/':
    case '%':
    case '!_':
    case '-_':
    case '&&':
    case '||': {
      // Numbers and booleans: one step, whatever the operands' size bound says.
      const parts = children(node.args).map((child) => estimate(source, child, sizes, bound));
      return { cost: 1 + sum(parts, (e) => e.cost), size: 1 };
    }
    default:
      return generic();
  }
}

/** The bound on the steps `ast` takes, or a compile error when it exceeds MAX_EVALUATION_STEPS. */
function checkBudget(source: string, ast: ASTNode, sizes: Sizes): number {
  const { cost } = estimate(source, ast, sizes, new Map());
  if (!(cost <= MAX_EVALUATION_STEPS)) {
    fail(
      source,
      `the rule could take ${Number.isFinite(cost) ? Math.round(cost).toLocaleString('en') : 'unbounded'} steps for a ` +
        `household of ${sizes.members} members, more than the ${MAX_EVALUATION_STEPS.toLocaleString('en')} allowed: ` +
        `nest fewer comprehensions or build shorter text`,
      ast.range.start,
    );
  }
  return cost;
}

/** Facts whose value has a size (text, lists); the others are numbers and booleans. */
const TEXT_FACTS = new Set(
  Object.values(FIELDS).flatMap((fields) =>
    Object.entries(fields)
      .filter(([, type]) => type === 'string' || type.startsWith('list'))
      .map(([name]) => name),
  ),
);

/** The bound on the steps a rule or formula takes for a household of `members` members (for tests and logs). */
export function evaluationCost(source: string, members = MAX_ASSUMED_MEMBERS): number {
  return estimate(source, env.parse(source).ast, { members, fact: MAX_ASSUMED_FACT_SIZE }, new Map()).cost;
}

const ASSUMED: Sizes = { members: MAX_ASSUMED_MEMBERS, fact: MAX_ASSUMED_FACT_SIZE };

/** The sizes an actual household gives the estimate: its members, its longest text or list fact. */
function sizesOf(facts: Facts): Sizes {
  let fact = 1;
  const measure = (values: object) => {
    for (const value of Object.values(values)) {
      if (typeof value === 'string' || Array.isArray(value)) fact = Math.max(fact, value.length);
    }
  };
  measure(facts.household);
  measure(facts.standards);
  facts.members.forEach(measure);
  return { members: facts.members.length, fact };
}

const withinAssumptions = (sizes: Sizes) => sizes.members <= ASSUMED.members && sizes.fact <= ASSUMED.fact;

const TOKEN_TEXT: Record<string, string> = {
  RPAREN: "')'",
  RBRACKET: "']'",
  RBRACE: "'}'",
  COMMA: "','",
  COLON: "':'",
};

/** The library names tokens by its lexer's names (AND, RPAREN); an administrator knows `&&` and `)`. */
function syntaxMessage(
  source: string,
  e: { code?: string; summary?: string; message: string; range?: { start: number; end: number } },
) {
  const text = e.range ? source.slice(e.range.start, e.range.end).trim() : '';
  const found = text ? `'${text}'` : 'end of input';
  if (e.code === 'unexpected_token' || e.code === 'unexpected_character') return `unexpected ${found}`;
  const expected = e.code === 'expected_token' ? /^Expected (\w+)/.exec(e.summary ?? '') : null;
  if (expected) return `expected ${TOKEN_TEXT[expected[1]] ?? expected[1]} before ${found}`;
  return e.summary ?? e.message;
}

interface Checked {
  parsed: ParseResult;
  facts: Set<string>;
}

function check(source: string, what: 'rule' | 'formula', accept: string[]): Checked {
  if (typeof source !== 'string' || source.trim() === '') fail(source ?? '', `the ${what} is empty`, null);
  if (source.length > MAX_SOURCE_LENGTH) {
    fail(source, `the ${what} is longer than ${MAX_SOURCE_LENGTH} characters`, MAX_SOURCE_LENGTH);
  }
  let parsed: ParseResult;
  try {
    parsed = env.parse(source);
  } catch (error) {
    const e = error as { code?: string; summary?: string; message: string; range?: { start: number; end: number } };
    fail(source, `syntax error: ${syntaxMessage(source, e)}`, e.range?.start);
  }
  const facts = new Set<string>();
  scan(source, parsed.ast, new Map(), facts);
  checkBudget(source, parsed.ast, ASSUMED);
  const typed = parsed.check();
  if (!typed.valid) fail(source, typed.error?.summary ?? 'type error', typed.error?.range?.start);
  if (!accept.includes(typed.type!)) {
    const expected = what === 'rule' ? 'true or false' : 'a number';
    fail(source, `a ${what} must be ${expected}, this one is ${typed.type}`, parsed.ast.range.start);
  }
  return { parsed, facts };
}

type Tree = { op: '&&' | '||'; left: Tree; right: Tree } | { leaf: number };
interface Clause {
  expression: string;
  evaluate: ParseResult;
  facts: string[];
}

/** Whether `rule` (its whole AST) fits the budget for these facts; checked only beyond the assumed sizes. */
function overBudget(source: string, ast: ASTNode, facts: Facts): string | null {
  const sizes = sizesOf(facts);
  if (withinAssumptions(sizes)) return null;
  try {
    checkBudget(source, ast, { members: Math.max(sizes.members, 1), fact: Math.max(sizes.fact, ASSUMED.fact) });
    return null;
  } catch (error) {
    return `not evaluated for this household: ${(error as Error).message}`;
  }
}

class RuleProgram implements CompiledRule {
  constructor(
    readonly source: string,
    readonly facts: readonly string[],
    readonly tree: Tree,
    readonly clauses: Clause[],
    readonly ast: ASTNode,
    /** The whole rule as one program: the screening's fast path (ruleHolds) evaluates it once. */
    readonly whole: ParseResult,
  ) {}
}
class FormulaProgram implements CompiledFormula {
  constructor(
    readonly source: string,
    readonly facts: readonly string[],
    readonly evaluate: ParseResult,
  ) {}
}

/** Each bracket's position mapped to its partner's, skipping strings and comments (the source has parsed). */
function brackets(source: string): Map<number, number> {
  const pairs = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '/' && source[i + 1] === '/') {
      const eol = source.indexOf('\n', i);
      i = eol < 0 ? source.length : eol;
    } else if (c === '"' || c === "'") {
      const raw = /r/i.test(source.slice(Math.max(0, i - 2), i));
      const quote = source.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      let j = i + quote.length;
      while (j < source.length && !source.startsWith(quote, j)) j += !raw && source[j] === '\\' ? 2 : 1;
      i = j + quote.length - 1;
    } else if ('([{'.includes(c)) {
      open.push(i);
    } else if (')]}'.includes(c)) {
      const o = open.pop()!;
      pairs.set(o, i).set(i, o);
    }
  }
  return pairs;
}

/**
 * The source text of a clause. The library's node ranges do not count parentheses (`!(a)` ends before
 * `)`, `(a) + 1` starts after `(`), so the range grows until its brackets balance, then loses any
 * parentheses that wrap the whole clause.
 */
function clauseText(source: string, pairs: Map<number, number>, start: number, end: number): string {
  for (let grown = true; grown;) {
    grown = false;
    for (const [at, partner] of pairs) {
      if (at >= start && at < end && (partner < start || partner >= end)) {
        [start, end, grown] = [Math.min(start, partner), Math.max(end, partner + 1), true];
      }
    }
  }
  for (;;) {
    while (/\s/.test(source[start])) start++;
    while (end > start && /\s/.test(source[end - 1])) end--;
    if (source[start] !== '(' || pairs.get(start) !== end - 1) return source.slice(start, end);
    [start, end] = [start + 1, end - 1];
  }
}

/** Compiles an eligibility rule: a true/false CEL expression over household, members and standards. */
export function compileRule(source: string): CompiledRule {
  const { parsed, facts } = check(source, 'rule', ['bool']);
  const clauses: Clause[] = [];
  const pairs = brackets(source);
  const split = (node: ASTNode): Tree => {
    if (node.op === '&&' || node.op === '||') {
      return { op: node.op, left: split(node.args[0]), right: split(node.args[1]) };
    }
    const expression = clauseText(source, pairs, node.range.start, node.range.end);
    const read = new Set<string>();
    scan(source, node, new Map(), read);
    clauses.push({ expression, evaluate: env.parse(expression), facts: [...read] });
    return { leaf: clauses.length - 1 };
  };
  const tree = split(parsed.ast);
  return new RuleProgram(source, [...facts], tree, clauses, parsed.ast, parsed);
}

/** Compiles a benefit formula: a numeric CEL expression in yuan. */
export function compileFormula(source: string): CompiledFormula {
  const { parsed, facts } = check(source, 'formula', ['double', 'int']);
  return new FormulaProgram(source, [...facts], parsed);
}

/** The facts as the library wants them: CEL ints are BigInt, anything absent is null. */
function context(facts: Facts) {
  const convert = (scope: FactScope, values: object) => {
    const out: Record<string, unknown> = {};
    for (const [name, type] of Object.entries(FIELDS[scope])) {
      const value = (values as Record<string, unknown>)[name] ?? null;
      if (type === 'int' && value !== null) {
        if (!Number.isInteger(value)) throw new TypeError(`fact ${scope}.${name} must be a whole number`);
        out[name] = BigInt(value as number);
      } else {
        out[name] = value;
      }
    }
    return out;
  };
  return {
    household: new HouseholdValue(convert('household', facts.household)),
    members: facts.members.map((m) => new MemberValue(convert('members', m))),
    standards: new StandardsValue(convert('standards', facts.standards)),
  };
}

/** Of the fact paths given, those that are null (for members: null for any member). */
function nullFacts(paths: readonly string[], facts: Facts): string[] {
  return paths.filter((path) => {
    const [scope, name] = path.split('.') as [FactScope, string];
    const isNull = (values: object) => ((values as Record<string, unknown>)[name] ?? null) === null;
    return scope === 'members' ? facts.members.some(isNull) : isNull(facts[scope]);
  });
}

function messageOf(error: unknown): string {
  const e = error as { summary?: string; message?: string };
  return e?.summary ?? e?.message ?? String(error);
}

function explainClause(clause: Clause, values: ReturnType<typeof context>, facts: Facts): ClauseExplanation {
  const base = { expression: clause.expression };
  try {
    const result = clause.evaluate(values);
    if (typeof result === 'boolean') return { ...base, result: result ? 'TRUE' : 'FALSE', missing: [] };
    return { ...base, result: 'UNKNOWN', missing: [], error: 'the clause is not true or false' };
  } catch (error) {
    // CEL's && and || already skip an error when the other side decides, so an error that reaches
    // here with a null fact read is that fact's absence deciding the clause.
    const missing = nullFacts(clause.facts, facts);
    if (missing.length > 0) return { ...base, result: 'UNKNOWN', missing };
    return { ...base, result: 'UNKNOWN', missing: [], error: messageOf(error) };
  }
}

function combine(tree: Tree, results: ClauseResult[]): ClauseResult {
  if ('leaf' in tree) return results[tree.leaf];
  const left = combine(tree.left, results);
  const right = combine(tree.right, results);
  const decisive = tree.op === '&&' ? 'FALSE' : 'TRUE';
  if (left === decisive || right === decisive) return decisive;
  if (left === 'UNKNOWN' || right === 'UNKNOWN') return 'UNKNOWN';
  return tree.op === '&&' ? 'TRUE' : 'FALSE';
}

const OUTCOMES: Record<ClauseResult, RuleOutcome> = {
  TRUE: 'ELIGIBLE',
  FALSE: 'NOT_ELIGIBLE',
  UNKNOWN: 'MISSING_INFORMATION',
};

/** A household's facts as the rules read them: built once per household, shared by every rule tested on it. */
export interface RuleInput {
  facts: Facts;
  values: ReturnType<typeof context>;
  /** Within the sizes every saved rule was costed for (no need to cost each rule again). */
  ordinary: boolean;
}

export function ruleInput(facts: Facts): RuleInput {
  return { facts, values: context(facts), ordinary: withinAssumptions(sizesOf(facts)) };
}

/**
 * Whether a rule holds for a household: true, false, or null when it cannot say (a fact it needs is unknown, or it
 * is beyond its budget for this household). One evaluation of the whole rule, without the clause-by-clause
 * explanation: screening a county tests every household this way and explains only the rules that hold. CEL's
 * `&&` and `||` absorb an error when the other side decides, so true and false here are explainRule's ELIGIBLE and
 * NOT_ELIGIBLE.
 */
export function ruleHolds(rule: CompiledRule, input: RuleInput): boolean | null {
  if (!(rule instanceof RuleProgram)) throw new TypeError('ruleHolds needs a rule from compileRule');
  if (!input.ordinary && overBudget(rule.source, rule.ast, input.facts)) return null;
  try {
    const result = rule.whole(input.values);
    return typeof result === 'boolean' ? result : null;
  } catch {
    return null;
  }
}

/** Evaluates every clause of a rule and combines them in three-valued logic (unknown facts stay unknown). */
export function explainRule(rule: CompiledRule, facts: Facts): RuleExplanation {
  if (!(rule instanceof RuleProgram)) throw new TypeError('explainRule needs a rule from compileRule');
  const tooCostly = overBudget(rule.source, rule.ast, facts);
  if (tooCostly) {
    const clauses = rule.clauses.map((clause): ClauseExplanation => ({
      expression: clause.expression,
      result: 'UNKNOWN',
      missing: [],
      error: tooCostly,
    }));
    return { outcome: 'MISSING_INFORMATION', clauses };
  }
  const values = context(facts);
  const clauses = rule.clauses.map((clause) => explainClause(clause, values, facts));
  return {
    outcome:
      OUTCOMES[
        combine(
          rule.tree,
          clauses.map((c) => c.result),
        )
      ],
    clauses,
  };
}

/** Evaluates a formula to whole fen, rounding half up; a negative amount is 0. */
export function evaluateFormula(formula: CompiledFormula, facts: Facts): FormulaResult {
  if (!(formula instanceof FormulaProgram)) throw new TypeError('evaluateFormula needs a formula from compileFormula');
  const tooCostly = overBudget(formula.source, formula.evaluate.ast, facts);
  if (tooCostly) throw new CelEvaluationError(tooCostly);
  let yuan: unknown;
  try {
    yuan = formula.evaluate(context(facts));
  } catch (error) {
    const missing = nullFacts(formula.facts, facts);
    if (missing.length > 0) return { missing };
    throw new CelEvaluationError(messageOf(error));
  }
  const value = typeof yuan === 'bigint' ? Number(yuan) : (yuan as number);
  if (!Number.isFinite(value)) throw new CelEvaluationError(`the formula gave ${value}`);
  // Binary doubles turn 650 - 649.995 into 0.0049999999999954; rounding to a millionth of a fen first
  // gives the half fen the administrator wrote, which then rounds up.
  const fen = Math.round(Number((value * 100).toFixed(6)));
  if (!Number.isSafeInteger(fen)) throw new CelEvaluationError('the formula gave an amount too large');
  return { amountFen: Math.max(0, fen) };
}
