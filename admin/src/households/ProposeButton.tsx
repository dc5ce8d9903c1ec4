import { useQuery } from '@tanstack/react-query';
import { SelectInput, TextInput, useTranslate, type TranslateFunction } from 'react-admin';
import { execute } from '../data/client';
import { ApiError } from '../data/api-error';
import { today, yuan } from '../format';
import { DecisionButton } from '../approvals/DecisionButton';
import type { HouseholdRecord } from './data';
import { GRANT, PROGRAMMES_SERVING } from './documents';

/**
 * A cap refusal in words (临社救办发〔2015〕3号 二(八)): which cap, its amount, what is used and the room left, from the
 * API's LIMIT_EXCEEDED extensions — said at the amount field, where the caseworker can change it.
 */
export function capRefusal(error: ApiError, translate: TranslateFunction): ApiError {
  const e = error.first.extensions ?? {};
  if (error.code !== 'LIMIT_EXCEEDED' || typeof e.cap !== 'string') return error;
  const words = translate('doudi.households.propose.cap_refused', {
    cap: translate(`doudi.households.propose.caps.${e.cap}`),
    limit: yuan(String(e.limit)),
    used: yuan(String(e.used)),
    left: yuan(String(e.roomLeft)),
  });
  return new ApiError(
    [{ ...error.first, message: words, extensions: { ...e, field: 'input.amount' } }],
    () => words,
    () => words,
  );
}

/** Proposing relief for the household (benefits:propose): the API picks the approving level and checks the caps. */
export function ProposeButton({ household }: { household: HouseholdRecord }) {
  const translate = useTranslate();
  const programmes = useQuery({
    queryKey: ['programmes-serving', household.jurisdiction.code],
    queryFn: ({ signal }) => execute(PROGRAMMES_SERVING, { code: household.jurisdiction.code }, { signal }),
  });
  const choices = (programmes.data?.jurisdiction?.programmes.nodes ?? []).map((p) => ({ id: p.id, name: p.name }));
  const members = household.members.nodes.map((m) => ({ id: m.id, name: m.name }));
  return (
    <DecisionButton
      id="propose"
      label="doudi.households.propose.action"
      help={translate('doudi.households.propose.help')}
      defaults={{ grantedOn: today() }}
      run={async (v) => {
        try {
          return await execute(GRANT, {
            input: {
              householdId: household.id,
              programmeId: String(v.programmeId ?? ''),
              personId: (v.personId as string | undefined) || undefined,
              amount: (v.amount as string | undefined)?.trim() || undefined,
              grantedOn: String(v.grantedOn ?? ''),
              note: (v.note as string | undefined)?.trim() || undefined,
            },
          });
        } catch (error) {
          throw error instanceof ApiError ? capRefusal(error, translate) : error;
        }
      }}
    >
      <SelectInput source="programmeId" label="doudi.households.propose.programme" choices={choices} fullWidth />
      <SelectInput
        source="personId"
        label="doudi.households.propose.person"
        choices={members}
        emptyText="doudi.households.propose.whole_household"
        fullWidth
      />
      <TextInput
        source="amount"
        label="doudi.households.propose.amount"
        helperText="doudi.households.propose.amount_help"
      />
      <TextInput source="grantedOn" label="doudi.households.propose.grantedOn" helperText="YYYY-MM-DD" />
      <TextInput source="note" label="doudi.households.propose.note" multiline fullWidth />
    </DecisionButton>
  );
}
