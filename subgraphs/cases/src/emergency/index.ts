import { aggregate } from '@doudi/shared';
import { EmergencyPayment } from './emergency-payment.entity.js';
import { CasePaymentsResolver, EmergencyPaymentResolver } from './emergency.resolver.js';
import { createEmergencyLoaders } from './emergency.loaders.js';

/** A case's emergency payments. */
export const emergency = aggregate({
  entities: [EmergencyPayment],
  resolvers: [CasePaymentsResolver, EmergencyPaymentResolver],
  loaders: createEmergencyLoaders,
});
