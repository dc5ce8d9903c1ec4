import { useQuery } from '@tanstack/react-query';
import { Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { execute } from '../data/client';
import { CASE_HOUSEHOLD } from './documents';

/**
 * The family as households answers the caller: ID numbers masked (revealing one is the households pages' business,
 * with a purpose and an audit entry). An agency that may not read the household still works on the case.
 */
export function CaseHousehold({ caseId }: { caseId: string }) {
  const translate = useTranslate();
  const { data, isPending, isError } = useQuery({
    queryKey: ['case-household', caseId],
    queryFn: ({ signal }) => execute(CASE_HOUSEHOLD, { id: caseId }, { signal }).then((d) => d.case.household),
    retry: false,
  });
  if (isPending) return null;
  if (isError || !data)
    return <Typography color="text.secondary">{translate('doudi.cases.household.unreadable')}</Typography>;
  return (
    <>
      {data.address && <Typography>{data.address}</Typography>}
      <Typography component="ul" sx={{ pl: 2, my: 1 }}>
        {data.members.nodes.map((m) => (
          <li key={m.id}>
            {m.name}（{translate(`doudi.cases.relationship.${m.relationshipToHead}`, { _: m.relationshipToHead })}）
            {m.idNumber ? ` ${m.idNumber}` : ''}
          </li>
        ))}
      </Typography>
    </>
  );
}
