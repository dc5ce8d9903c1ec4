import type { MigrationEntry } from '@doudi/shared';
import { Migration20261122044028 } from './Migration20261122044028.js';

export const migrations: MigrationEntry[] = [{ name: 'Migration20261122044028', class: Migration20261122044028 }];
