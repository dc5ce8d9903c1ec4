import { createLogger, stopOnSignals } from '@doudi/shared';
import { gatewayOptionsFromEnv, startGateway } from './gateway.js';

const logger = createLogger('gateway');
try {
  const running = await startGateway({ ...gatewayOptionsFromEnv(), logger });
  stopOnSignals(running.stop, logger);
} catch (error) {
  logger.fatal({ err: error }, 'gateway failed to start');
  process.exit(1);
}
