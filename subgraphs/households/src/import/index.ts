import { aggregate } from '@doudi/shared';
import { ImportResolver } from './import.resolver.js';

/** Households imported in bulk from a spreadsheet. */
export const householdImport = aggregate({ resolvers: [ImportResolver] });
