import { StreamLanguage, type StreamParser } from '@codemirror/language';
import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete';

/** A fact as the API lists it (eligibilityFacts). */
export interface Fact {
  path: string;
  type: string;
  description: string;
}

const KEYWORDS = new Set(['true', 'false', 'null', 'in']);
const MACROS = new Set(['exists', 'all', 'filter', 'map', 'exists_one', 'size', 'has', 'int', 'double', 'string']);
const ROOTS = new Set(['household', 'members', 'standards']);

/**
 * CEL's tokens for highlighting: strings, numbers, operators, the three fact roots, macros and functions.
 * CEL has no grammar package for CodeMirror; its lexical syntax is small enough for a stream parser.
 */
const parser: StreamParser<null> = {
  token(stream) {
    if (stream.eatSpace()) return null;
    if (stream.match('//')) {
      stream.skipToEnd();
      return 'comment';
    }
    if (stream.match(/^'(?:[^'\\]|\\.)*'?/) || stream.match(/^"(?:[^"\\]|\\.)*"?/)) return 'string';
    if (stream.match(/^\d+(\.\d+)?([eE][-+]?\d+)?[uU]?/)) return 'number';
    if (stream.match(/^(&&|\|\||==|!=|<=|>=|[-+*/%<>!?:])/)) return 'operator';
    if (stream.match(/^[A-Za-z_][A-Za-z0-9_]*/)) {
      const word = stream.current();
      if (KEYWORDS.has(word)) return 'keyword';
      if (ROOTS.has(word)) return 'variableName.special';
      if (MACROS.has(word)) return 'function';
      return 'propertyName';
    }
    stream.next();
    return 'punctuation';
  },
};

export const celLanguage = StreamLanguage.define(parser);

/**
 * Completes fact paths as the API accepts them: `household.`, `standards.` and `members.` directly, and a
 * member's fields after the variable a macro names (`members.exists(m, m.` → m.age, m.disabled …).
 */
export function factCompletion(facts: readonly Fact[]) {
  return (context: CompletionContext): CompletionResult | null => {
    const word = context.matchBefore(/[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_]*)?/);
    if (!word || (word.from === word.to && !context.explicit)) return null;
    const [head, tail] = word.text.split('.');
    const before = context.state.doc.sliceString(0, word.from);
    const memberVariables = [...before.matchAll(/members\.\w+\(\s*([A-Za-z_]\w*)\s*,/g)].map((m) => m[1]);
    if (tail === undefined) {
      const roots = [...ROOTS, ...memberVariables].map((label) => ({ label, type: 'variable' }));
      return { from: word.from, options: roots, validFor: /^[A-Za-z_]*$/ };
    }
    const scope = memberVariables.includes(head) ? 'members' : head;
    const options = facts
      .filter((f) => f.path.startsWith(`${scope}.`))
      .map((f) => ({ label: f.path.slice(scope.length + 1), type: 'property', detail: f.type, info: f.description }));
    if (!options.length) return null;
    return { from: word.from + head.length + 1, options, validFor: /^[A-Za-z_]*$/ };
  };
}
