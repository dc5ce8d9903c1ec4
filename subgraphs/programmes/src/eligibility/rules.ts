import { badInput } from '@doudi/shared';
import { CelCompileError, compileFormula, compileRule } from './cel.js';

/** A CEL compile error as BAD_USER_INPUT on the field, with the line and column the administrator fixes. */
function refuse(field: string, error: unknown): never {
  if (!(error instanceof CelCompileError)) throw error;
  const where = error.position ? ` (line ${error.position.line}, column ${error.position.column})` : '';
  throw badInput(field, `${error.message}${where}`, { position: error.position });
}

/** Refuses on save a rule that does not compile or names an unknown fact; returns it unchanged. */
export function checkRule(field: string, source: string): string {
  try {
    compileRule(source);
    return source;
  } catch (error) {
    refuse(field, error);
  }
}

export function checkFormula(field: string, source: string): string {
  try {
    compileFormula(source);
    return source;
  } catch (error) {
    refuse(field, error);
  }
}
