import { runSubgraphProcess } from '@doudi/shared';
import { households } from './index.js';

await runSubgraphProcess(households);
