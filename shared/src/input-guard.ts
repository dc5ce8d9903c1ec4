/**
 * The net under every string a caller sends (issue 10, item 5): before a subgraph executes an operation, every
 * argument value — literals and variables, nested input objects and lists, coerced as execution will see them —
 * is walked, and a string that holds a control character (C0 or DEL; tab, line feed and carriage return
 * allowed) or is longer than its limit is refused with BAD_USER_INPUT naming the argument path
 * (`input.members.0.name`). Fields with stricter rules of their own (names, addresses) check them in their
 * service; this catches whatever is left.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isInputObjectType,
  isLeafType,
  isListType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
} from 'graphql';
import { badInput } from './errors.js';

/** Characters in a string argument unless its field says otherwise. */
export const DEFAULT_MAX_STRING_LENGTH = 2_000;

/**
 * The fields that legitimately carry more, by `InputType.field` or, for a plain argument, `Type.field(argument)`.
 * `Infinity` leaves the length to the request body limit (MAX_BODY_BYTES).
 */
export const STRING_LENGTH_EXCEPTIONS: Readonly<Record<string, number>> = {
  // A village's household list, as a file (households: importHouseholds).
  'ImportHouseholdsInput.contentBase64': Infinity,
  // A scan or certificate attached to a case (cases: attachCaseMaterial), bounded by DOCUMENT_MAX_UPLOAD_BYTES.
  'AttachCaseMaterialInput.contentBase64': Infinity,
  // CEL rules and formulas (programmes): compiled and given an evaluation budget when saved.
  'PublishProgrammeVersionInput.eligibilityRule': 10_000,
  'BenefitAmountInput.formula': 10_000,
  'Query.ruleMatchCount(rule)': 10_000,
  // Written accounts whose own service allows more (and checks its limit itself).
  'RecordVisitInput.note': 4_000,
  'LifeAreaFindingInput.situation': 4_000,
  'AnswerReferralInput.refusalReason': 4_000,
  'AnswerReferralInput.confidentialNote': 4_000,
  'RecordJointMeetingSessionInput.summary': 20_000,
  'SubmitMemberAnnualReportInput.summary': 20_000,
};

// C0 controls but tab (09), line feed (0A) and carriage return (0D); and DEL.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export interface StringProblem {
  /** Argument path as a client names it: `input.members.0.name`. */
  field: string;
  message: string;
}

/** Why a string may not be accepted, or null. */
export function stringProblem(value: string, maxLength: number): string | null {
  if (CONTROL.test(value)) return 'must not contain control characters (such as NUL); only tab and line breaks';
  if (value.length > maxLength) return `is longer than ${maxLength} characters`;
  return null;
}

/** A field of the operation that takes arguments, as TypeInfo saw it: where strings may come in. */
interface ArgumentSite {
  field: GraphQLField<unknown, unknown>;
  node: FieldNode;
  /** `Type.field`, the key of STRING_LENGTH_EXCEPTIONS without the argument. */
  key: string;
}

/**
 * The fields with arguments of an operation and its fragments, found once per parsed document: Apollo Server
 * keeps a parsed and validated document per query text, so the gateway's repeated subgraph operations are walked
 * with TypeInfo once, not on every request (issue 16 item 2).
 */
const sitesBySchema = new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, ArgumentSite[]>>();

function argumentSites(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): ArgumentSite[] {
  let byOperation = sitesBySchema.get(schema);
  if (!byOperation) sitesBySchema.set(schema, (byOperation = new WeakMap()));
  const known = byOperation.get(operation);
  if (known) return known;
  const sites: ArgumentSite[] = [];
  const typeInfo = new TypeInfo(schema);
  // Only the chosen operation and the fragments (a validated document uses every fragment it defines).
  const definitions = document.definitions.filter(
    (definition) => definition === operation || definition.kind === Kind.FRAGMENT_DEFINITION,
  );
  visit(
    { kind: Kind.DOCUMENT, definitions },
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const field = typeInfo.getFieldDef() as GraphQLField<unknown, unknown> | null | undefined;
        const parent = typeInfo.getParentType();
        if (field && parent && node.arguments?.length) sites.push({ field, node, key: `${parent.name}.${field.name}` });
      },
    }),
  );
  byOperation.set(operation, sites);
  return sites;
}

/**
 * The first string in the operation's arguments that breaks the rules, or null. Variables the operation cannot
 * coerce are left to execution, which reports them itself.
 */
export function findStringProblem(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown> = {},
): StringProblem | null {
  const sites = argumentSites(schema, document, operation);
  if (!sites.length) return null;
  const definitions = (operation.variableDefinitions as readonly VariableDefinitionNode[] | undefined) ?? [];
  let variables: Record<string, unknown> = {};
  if (definitions.length) {
    const coerced = getVariableValues(schema, definitions, rawVariables, { maxErrors: 1 });
    if (coerced.errors) return null;
    variables = coerced.coerced;
  }
  for (const { field, node, key } of sites) {
    let values: Record<string, unknown>;
    try {
      values = getArgumentValues(field, node, variables);
    } catch {
      continue; // execution reports it
    }
    for (const argument of field.args) {
      if (!(argument.name in values)) continue;
      const problem = walk(values[argument.name], argument.type, argument.name, `${key}(${argument.name})`);
      if (problem) return problem;
    }
  }
  return null;
}

function walk(value: unknown, type: GraphQLInputType, path: string, key: string): StringProblem | null {
  if (value === null || value === undefined) return null;
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return walk(value, nullable.ofType, path, key);
    for (let i = 0; i < value.length; i++) {
      const problem = walk(value[i], nullable.ofType, `${path}.${i}`, key);
      if (problem) return problem;
    }
    return null;
  }
  if (isInputObjectType(nullable)) {
    if (typeof value !== 'object') return null;
    const fields = nullable.getFields();
    for (const [name, fieldValue] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[name];
      if (!field) continue;
      const problem = walk(fieldValue, field.type, `${path}.${name}`, `${nullable.name}.${name}`);
      if (problem) return problem;
    }
    return null;
  }
  if (isLeafType(getNamedType(nullable)) && typeof value === 'string') {
    const message = stringProblem(value, STRING_LENGTH_EXCEPTIONS[key] ?? DEFAULT_MAX_STRING_LENGTH);
    return message ? { field: path, message: `${path} ${message}` } : null;
  }
  return null;
}

/**
 * The Apollo plugin every subgraph runs (subgraph.ts). It refuses before anything executes, with HTTP 200 so
 * that the gateway passes the error on to the client as it is.
 */
export function inputGuardPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const problem = findStringProblem(schema, document, operation, request.variables ?? {});
          if (problem) {
            throw badInput(problem.field, problem.message, { http: { status: 200 } });
          }
        },
      };
    },
  };
}
