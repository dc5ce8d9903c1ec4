import { runSubgraphProcess } from '@doudi/shared';
import { organisations } from './index.js';

await runSubgraphProcess(organisations);
