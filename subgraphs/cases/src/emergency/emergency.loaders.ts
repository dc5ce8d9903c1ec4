import type { EntityManager } from '@mikro-orm/postgresql';
import { byCase } from '../loader-kit.js';
import { EmergencyPayment } from './emergency-payment.entity.js';

export function createEmergencyLoaders(em: EntityManager) {
  return {
    paymentsByCase: byCase(em, EmergencyPayment, [{ paidOn: 'asc' }, { id: 'asc' }]),
  };
}

export type EmergencyLoaders = ReturnType<typeof createEmergencyLoaders>;
