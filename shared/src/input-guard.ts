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
  const coerced = getVariableValues(
    schema,
    (operation.variableDefinitions as readonly VariableDefinitionNode[] | undefined) ?? [],
    rawVariables,
    { maxErrors: 1 },
  );
  if (coerced.errors) return null;
  const variables = coerced.coerced;
  const typeInfo = new TypeInfo(schema);
  let problem: StringProblem | null = null;
  // Only the chosen operation and the fragments (a validated document uses every fragment it defines).
  const definitions = document.definitions.filter(
    (definition) => definition === operation || definition.kind === Kind.FRAGMENT_DEFINITION,
  );
  visit(
    { kind: Kind.DOCUMENT, definitions },
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (problem) return false;
        const field = typeInfo.getFieldDef() as GraphQLField<unknown, unknown> | null | undefined;
        const parent = typeInfo.getParentType();
        if (!field || !parent || !node.arguments?.length) return undefined;
        let values: Record<string, unknown>;
        try {
          values = getArgumentValues(field, node, variables);
        } catch {
          return undefined; // execution reports it
        }
        for (const argument of field.args) {
          if (!(argument.name in values)) continue;
          problem = walk(
            values[argument.name],
            argument.type,
            argument.name,
            `${parent.name}.${field.name}(${argument.name})`,
          );
          if (problem) return false;
        }
        return undefined;
      },
    }),
  );
  return problem;
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
