import { RESOURCES } from '../resources';

export type Action = 'list' | 'show' | 'export' | 'create' | 'edit' | 'delete' | 'publish' | string;

const READS = new Set(['list', 'show', 'export', 'read']);

/** The permission an action on a resource needs (null: anyone signed in), from the resource list. */
export function accessOf(resource: string, action: Action): string | null {
  const definition = RESOURCES.find((r) => r.name === resource);
  if (!definition) return null;
  return READS.has(action) ? definition.access.read : definition.access.write;
}
