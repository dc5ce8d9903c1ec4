import { runSubgraphProcess } from '@doudi/shared';
import { programmes } from './index.js';

await runSubgraphProcess(programmes);
