import type { MigrationEntry } from '@doudi/shared';
import { Migration20261128183906 } from './Migration20261128183906.js';
import { Migration20261128183035 } from './Migration20261128183035.js';
import { Migration20261128182411 } from './Migration20261128182411.js';
import { Migration20261128160000 } from './Migration20261128160000.js';
import { Migration20261128170000 } from './Migration20261128170000.js';
import { Migration20261128170100 } from './Migration20261128170100.js';
import { Migration20261128151500 } from './Migration20261128151500.js';
import { Migration20261128122933 } from './Migration20261128122933.js';
import { Migration20261128102433 } from './Migration20261128102433.js';
import { Migration20261128091542 } from './Migration20261128091542.js';
import { Migration20261122072908 } from './Migration20261122072908.js';
import { Migration20261122070916 } from './Migration20261122070916.js';
import { Migration20261122064059 } from './Migration20261122064059.js';
import { Migration20261122063602 } from './Migration20261122063602.js';
import { Migration20261122063054 } from './Migration20261122063054.js';
import { Migration20261122062855 } from './Migration20261122062855.js';
import { Migration20261122044022 } from './Migration20261122044022.js';

export const migrations: MigrationEntry[] = [
  { name: 'Migration20261122044022', class: Migration20261122044022 },
  { name: 'Migration20261122062855', class: Migration20261122062855 },
  { name: 'Migration20261122063054', class: Migration20261122063054 },
  { name: 'Migration20261122063602', class: Migration20261122063602 },
  { name: 'Migration20261122064059', class: Migration20261122064059 },
  { name: 'Migration20261122070916', class: Migration20261122070916 },
  { name: 'Migration20261122072908', class: Migration20261122072908 },
  { name: 'Migration20261128091542', class: Migration20261128091542 },
  { name: 'Migration20261128102433', class: Migration20261128102433 },
  { name: 'Migration20261128122933', class: Migration20261128122933 },
  { name: 'Migration20261128151500', class: Migration20261128151500 },
  { name: 'Migration20261128160000', class: Migration20261128160000 },
  { name: 'Migration20261128170000', class: Migration20261128170000 },
  { name: 'Migration20261128170100', class: Migration20261128170100 },
  { name: 'Migration20261128182411', class: Migration20261128182411 },
  { name: 'Migration20261128183035', class: Migration20261128183035 },
  { name: 'Migration20261128183906', class: Migration20261128183906 },
];
