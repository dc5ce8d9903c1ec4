import { useQuery } from '@tanstack/react-query';
import { usePermissions, useStore } from 'react-admin';
import { execute } from '../data/client';
import type { Viewer } from '../auth/auth-provider';
import { JURISDICTION } from './documents';

/** One division with its ancestors and children, cached for the session. */
export function useJurisdiction(code: string | null | undefined) {
  return useQuery({
    queryKey: ['jurisdiction', code],
    queryFn: ({ signal }) => execute(JURISDICTION, { code: code! }, { signal }).then((d) => d.jurisdiction),
    enabled: !!code,
    staleTime: 10 * 60_000,
  });
}

/**
 * Where a person works: a JURISDICTION_ADMIN's own division tree, any division for a SYSTEM_ADMIN (null root:
 * every province). `working` is the division the pages start from, kept across pages and reloads.
 */
export function useWorkingJurisdiction() {
  const { permissions } = usePermissions<Viewer>();
  const own = permissions?.jurisdiction ?? null;
  const systemAdmin = !!permissions?.roles.includes('SYSTEM_ADMIN');
  const [chosen, setWorking] = useStore<string | null>('doudi.workingJurisdiction', null);
  return {
    root: systemAdmin ? null : own,
    working: chosen ?? own?.code ?? null,
    setWorking,
  };
}
