import { lazy, Suspense, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Autocomplete,
  Box,
  Chip,
  LinearProgress,
  List,
  ListItem,
  ListItemText,
  TextField,
  Typography,
} from '@mui/material';
import { useController, useFormContext } from 'react-hook-form';
import { useTranslate } from 'react-admin';
import { execute } from '../../data/client';
import { ApiError } from '../../data/api-error';
import { fieldMessage } from '../../data/describe-error';
import { ELIGIBILITY_FACTS, EXPLAIN_RULE, HOUSEHOLDS_IN, RULE_MATCH_COUNT } from '../documents';
import { useDebounced } from './use-debounced';
import type { PublishForm } from './form-values';

// CodeMirror is the heaviest part of the console: it is fetched when this form opens, not before.
const RuleEditor = lazy(() => import('./RuleEditor'));

interface Props {
  jurisdiction: { code: string; name: string };
  /** The date the draft would take effect: counts and explanations use that day's facts and standards. */
  on: string;
  lockedBy?: string;
}

/** The eligibility rule: editor, live count in the jurisdiction, and an explanation on a chosen household. */
export function RuleSection({ jurisdiction, on, lockedBy }: Props) {
  const translate = useTranslate();
  const { control } = useFormContext<PublishForm>();
  const { field, fieldState } = useController({ control, name: 'eligibilityRule' });
  const rule = useDebounced(field.value.trim(), 600);
  const facts = useQuery({
    queryKey: ['eligibilityFacts'],
    queryFn: () => execute(ELIGIBILITY_FACTS, {}).then((d) => d.eligibilityFacts),
    staleTime: Infinity,
  });
  const count = useQuery({
    queryKey: ['ruleMatchCount', rule, jurisdiction.code, on],
    queryFn: ({ signal }) =>
      execute(RULE_MATCH_COUNT, { rule, jurisdictionCode: jurisdiction.code, on }, { signal }).then(
        (d) => d.ruleMatchCount,
      ),
    enabled: !!rule && !lockedBy,
    retry: false,
  });
  const compileError = count.error instanceof ApiError && count.error.first.extensions?.position ? count.error : null;
  const position = compileError?.first.extensions?.position;
  const editorError = useMemo(
    () => (compileError && position ? { ...position, message: fieldMessage(compileError.first) } : null),
    [compileError, position],
  );
  const serverError = fieldState.error?.message;
  return (
    <Box component="section" aria-labelledby="rule-heading" sx={{ mb: 3 }}>
      <Typography id="rule-heading" variant="h6" component="h2" gutterBottom>
        {translate('doudi.publish.rule')}
      </Typography>
      {lockedBy && (
        <Alert severity="info" sx={{ mb: 1 }}>
          {translate('doudi.publish.locked_field', { template: lockedBy })}
        </Alert>
      )}
      <Suspense fallback={<LinearProgress aria-label={translate('ra.page.loading')} />}>
        <RuleEditor
          value={field.value}
          onChange={field.onChange}
          facts={facts.data ?? []}
          error={editorError}
          readOnly={!!lockedBy}
          label={translate('doudi.publish.rule')}
          describedBy="rule-help rule-status"
          placeholder={translate('doudi.publish.rule_inherit')}
        />
      </Suspense>
      <Typography id="rule-help" variant="caption" color="text.secondary">
        {translate('doudi.publish.rule_help')}
      </Typography>
      <Box id="rule-status" role="status" aria-live="polite" sx={{ mt: 1 }}>
        {(serverError || editorError) && (
          <Alert severity="error" data-testid="rule-error">
            {serverError ?? editorError?.message}
          </Alert>
        )}
        {!lockedBy && rule && count.isFetching && (
          <Typography variant="body2">{translate('doudi.publish.counting')}</Typography>
        )}
        {!lockedBy && rule && count.data && !count.isFetching && (
          <Alert severity="success" icon={false} data-testid="live-count">
            {translate('doudi.publish.live_count', {
              jurisdiction: jurisdiction.name,
              households: count.data.households,
              eligible: count.data.eligible,
              notEligible: count.data.notEligible,
              missing: count.data.missingInformation,
            })}
          </Alert>
        )}
        {count.error && !compileError && <Alert severity="warning">{(count.error as Error).message}</Alert>}
      </Box>
      {!lockedBy && <Explanation jurisdictionCode={jurisdiction.code} rule={compileError ? '' : rule} on={on} />}
    </Box>
  );
}

const OUTCOME_COLOURS: Record<string, { bgcolor: string; color: string }> = {
  ELIGIBLE: { bgcolor: '#1b5e20', color: '#fff' },
  NOT_ELIGIBLE: { bgcolor: '#424242', color: '#fff' },
  MISSING_INFORMATION: { bgcolor: '#7a4a00', color: '#fff' },
  NO_RULE: { bgcolor: '#424242', color: '#fff' },
};

/** The draft rule on one household the administrator knows, condition by condition (explainRule). */
function Explanation({ jurisdictionCode, rule, on }: { jurisdictionCode: string; rule: string; on: string }) {
  const translate = useTranslate();
  const [householdId, setHouseholdId] = useState<string | null>(null);
  const households = useQuery({
    queryKey: ['householdsIn', jurisdictionCode],
    queryFn: () => execute(HOUSEHOLDS_IN, { jurisdictionCode }).then((d) => d.households.nodes),
  });
  const options = (households.data ?? []).map((h) => {
    const head = h.members.nodes.find((m) => m.relationshipToHead === 'SELF') ?? h.members.nodes[0];
    return { id: h.id, label: `${head?.name ?? '—'}（${h.jurisdiction.name}，${h.members.nodes.length} 人）` };
  });
  const explanation = useQuery({
    queryKey: ['explainRule', rule, householdId, on],
    queryFn: ({ signal }) =>
      execute(EXPLAIN_RULE, { rule, householdId: householdId!, on }, { signal }).then((d) => d.explainRule),
    enabled: !!rule && !!householdId,
    retry: false,
  });
  return (
    <Box sx={{ mt: 2 }}>
      <Typography variant="subtitle1" component="h3">
        {translate('doudi.publish.explain')}
      </Typography>
      <Autocomplete
        options={options}
        loading={households.isLoading}
        value={options.find((o) => o.id === householdId) ?? null}
        onChange={(_e, option) => setHouseholdId(option?.id ?? null)}
        renderInput={(params) => <TextField {...params} label={translate('doudi.publish.household')} size="small" />}
        sx={{ maxWidth: 420, mt: 1 }}
      />
      {households.error && <Alert severity="warning">{(households.error as Error).message}</Alert>}
      {explanation.data && (
        <Box data-testid="explanation" sx={{ mt: 1 }}>
          <Chip
            // Colours with a contrast of at least 4.5:1 (MUI's warning orange has 3:1 on white).
            sx={OUTCOME_COLOURS[explanation.data.outcome]}
            label={translate(`doudi.publish.outcome.${explanation.data.outcome}`)}
          />
          <List dense>
            {explanation.data.clauses.map((clause, i) => (
              <ListItem key={i} disableGutters>
                <ListItemText
                  primary={
                    <>
                      <code>{clause.expression}</code> — {translate(`doudi.publish.clause.${clause.result}`)}
                    </>
                  }
                  secondary={
                    clause.missing.length
                      ? translate('doudi.publish.missing_facts', { facts: clause.missing.join('、') })
                      : clause.error
                  }
                />
              </ListItem>
            ))}
          </List>
        </Box>
      )}
      {explanation.error && <Alert severity="warning">{(explanation.error as Error).message}</Alert>}
    </Box>
  );
}
