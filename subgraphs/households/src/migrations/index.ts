import type { MigrationEntry } from '@doudi/shared';
import { Migration20261128221500 } from './Migration20261128221500.js';
import { Migration20261128213200 } from './Migration20261128213200.js';
import { Migration20261128181846 } from './Migration20261128181846.js';
import { Migration20261128151341 } from './Migration20261128151341.js';
import { Migration20261128091815 } from './Migration20261128091815.js';
import { Migration20261122060138 } from './Migration20261122060138.js';
import { Migration20261122055600 } from './Migration20261122055600.js';
import { Migration20261122055318 } from './Migration20261122055318.js';
import { Migration20261122054358 } from './Migration20261122054358.js';
import { Migration20261122043748 } from './Migration20261122043748.js';

export const migrations: MigrationEntry[] = [
  { name: 'Migration20261122043748', class: Migration20261122043748 },
  { name: 'Migration20261122054358', class: Migration20261122054358 },
  { name: 'Migration20261122055318', class: Migration20261122055318 },
  { name: 'Migration20261122055600', class: Migration20261122055600 },
  { name: 'Migration20261122060138', class: Migration20261122060138 },
  { name: 'Migration20261128091815', class: Migration20261128091815 },
  { name: 'Migration20261128151341', class: Migration20261128151341 },
  { name: 'Migration20261128181846', class: Migration20261128181846 },
  { name: 'Migration20261128213200', class: Migration20261128213200 },
  { name: 'Migration20261128221500', class: Migration20261128221500 },
];
