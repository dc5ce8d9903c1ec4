import type { MigrationEntry } from '@doudi/shared';
import { Migration20261128214500 } from './Migration20261128214500.js';
import { Migration20261128213300 } from './Migration20261128213300.js';
import { Migration20261128184655 } from './Migration20261128184655.js';
import { Migration20261128182754 } from './Migration20261128182754.js';
import { Migration20261128151500 } from './Migration20261128151500.js';
import { Migration20261128123431 } from './Migration20261128123431.js';
import { Migration20261128122158 } from './Migration20261128122158.js';
import { Migration20261128091658 } from './Migration20261128091658.js';
import { Migration20261122074025 } from './Migration20261122074025.js';
import { Migration20261122050710 } from './Migration20261122050710.js';
import { Migration20261122045823 } from './Migration20261122045823.js';
import { Migration20261122043910 } from './Migration20261122043910.js';

export const migrations: MigrationEntry[] = [
  { name: 'Migration20261122043910', class: Migration20261122043910 },
  { name: 'Migration20261122045823', class: Migration20261122045823 },
  { name: 'Migration20261122050710', class: Migration20261122050710 },
  { name: 'Migration20261122074025', class: Migration20261122074025 },
  { name: 'Migration20261128091658', class: Migration20261128091658 },
  { name: 'Migration20261128122158', class: Migration20261128122158 },
  { name: 'Migration20261128123431', class: Migration20261128123431 },
  { name: 'Migration20261128151500', class: Migration20261128151500 },
  { name: 'Migration20261128182754', class: Migration20261128182754 },
  { name: 'Migration20261128184655', class: Migration20261128184655 },
  { name: 'Migration20261128213300', class: Migration20261128213300 },
  { name: 'Migration20261128214500', class: Migration20261128214500 },
];
