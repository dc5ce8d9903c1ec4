import { useQuery } from '@tanstack/react-query';
import { execute } from '../../data/client';
import { ORGANISATIONS } from '../documents';

/**
 * The organisations of the case's county (the township's and villages' included): whom a case is referred, transferred
 * or assigned to. One page of the directory (its limit, 100), cached for the session.
 */
export function useCountyOrganisations(jurisdictionCode: string) {
  const county = `${jurisdictionCode.slice(0, 6)}000000`;
  return useQuery({
    queryKey: ['case-organisations', county],
    queryFn: ({ signal }) =>
      execute(ORGANISATIONS, { filter: { jurisdictionCode: county }, first: 100 }, { signal }).then(
        (d) => d.organisations.nodes,
      ),
    staleTime: 10 * 60_000,
  });
}
