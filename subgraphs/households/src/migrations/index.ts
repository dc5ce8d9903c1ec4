import type { MigrationEntry } from '@doudi/shared';
import { Migration20261122043748 } from './Migration20261122043748.js';

export const migrations: MigrationEntry[] = [{ name: 'Migration20261122043748', class: Migration20261122043748 }];
