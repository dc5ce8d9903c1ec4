import { runSubgraphProcess } from '@doudi/shared';
import { cases } from './index.js';

await runSubgraphProcess(cases);
