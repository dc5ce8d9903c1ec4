import { aggregate } from '@doudi/shared';
import { CloseRelativeDeclaration } from './relative.entity.js';
import { CloseRelativeResolver, OrganisationRelativesResolver } from './relative.resolver.js';

/** Close relatives declared by staff and village committee members (备案). */
export const relative = aggregate({
  entities: [CloseRelativeDeclaration],
  resolvers: [CloseRelativeResolver, OrganisationRelativesResolver],
});
