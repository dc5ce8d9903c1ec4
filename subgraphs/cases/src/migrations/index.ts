import type { MigrationEntry } from '@doudi/shared';
import { Migration20261128221500 } from './Migration20261128221500.js';
import { Migration20261128220000 } from './Migration20261128220000.js';
import { Migration20261128214500 } from './Migration20261128214500.js';
import { Migration20261128215500 } from './Migration20261128215500.js';
import { Migration20261128213000 } from './Migration20261128213000.js';
import { Migration20261128183121 } from './Migration20261128183121.js';
import { Migration20261128182127 } from './Migration20261128182127.js';
import { Migration20261128153000 } from './Migration20261128153000.js';
import { Migration20261128123500 } from './Migration20261128123500.js';
import { Migration20261128122146 } from './Migration20261128122146.js';
import { Migration20261128104000 } from './Migration20261128104000.js';
import { Migration20261128102450 } from './Migration20261128102450.js';
import { Migration20261128092233 } from './Migration20261128092233.js';
import { Migration20261122080657 } from './Migration20261122080657.js';
import { Migration20261122074757 } from './Migration20261122074757.js';
import { Migration20261122070756 } from './Migration20261122070756.js';
import { Migration20261122050308 } from './Migration20261122050308.js';

export const migrations: MigrationEntry[] = [
  { name: 'Migration20261122050308', class: Migration20261122050308 },
  { name: 'Migration20261122070756', class: Migration20261122070756 },
  { name: 'Migration20261122074757', class: Migration20261122074757 },
  { name: 'Migration20261122080657', class: Migration20261122080657 },
  { name: 'Migration20261128092233', class: Migration20261128092233 },
  { name: 'Migration20261128102450', class: Migration20261128102450 },
  { name: 'Migration20261128104000', class: Migration20261128104000 },
  { name: 'Migration20261128122146', class: Migration20261128122146 },
  { name: 'Migration20261128123500', class: Migration20261128123500 },
  { name: 'Migration20261128153000', class: Migration20261128153000 },
  { name: 'Migration20261128182127', class: Migration20261128182127 },
  { name: 'Migration20261128183121', class: Migration20261128183121 },
  { name: 'Migration20261128213000', class: Migration20261128213000 },
  { name: 'Migration20261128214500', class: Migration20261128214500 },
  { name: 'Migration20261128215500', class: Migration20261128215500 },
  { name: 'Migration20261128220000', class: Migration20261128220000 },
  { name: 'Migration20261128221500', class: Migration20261128221500 },
];
