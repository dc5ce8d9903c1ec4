import { useMemo, useState } from 'react';
import { useParams, useNavigate } from 'react-router-dom';
import { Alert, Box, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { DateField, isDate } from '../../DateField';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { Form, Loading, Title, useGetOne, useNotify, useTranslate } from 'react-admin';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, formField } from '../../data/api-error';
import { execute } from '../../data/client';
import { today } from '../../format';
import type { ProgrammeRecord } from '../data';
import { PUBLISH_VERSION } from '../documents';
import type { Setting } from '../settings-text';
import { DiffDialog, diffRows } from './DiffDialog';
import { draftSettings, formDefaults, publishInput, type PublishForm } from './form-values';
import { RuleSection } from './RuleSection';
import { AmountSection, CapsSection, LocksSection, NoticeSection, TiersSection } from './SettingSections';

const nextDay = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/**
 * "Publish a new version": the settings as a form, the rule with its live count and explanation, a readable
 * diff against the configuration in force and a confirmation. The form is filled once; reloading after a
 * conflict refreshes what it is compared with, never what the person typed.
 */
export function PublishVersionPage() {
  const { id = '' } = useParams();
  const [on, setOn] = useState<string | null>(null);
  const { data, isPending, refetch } = useGetOne<ProgrammeRecord & { id: string }>(
    'programmes',
    { id, meta: { on: on ?? today() } },
    { placeholderData: (previous) => previous },
  );
  const [defaults] = useState<{ value: PublishForm | null }>({ value: null });
  const [review, setReview] = useState<PublishForm | null>(null);
  if (isPending || !data) return <Loading />;
  if (!defaults.value) {
    const latest = data.versions.at(-1);
    const start = latest && latest.effectiveFrom >= today() ? nextDay(latest.effectiveFrom) : nextDay(today());
    defaults.value = formDefaults(latest, start);
  }
  return (
    <Form
      defaultValues={defaults.value}
      onSubmit={(values: Record<string, unknown>) => setReview(values as unknown as PublishForm)}
      warnWhenUnsavedChanges
      noValidate
    >
      <PublishBody programme={data} onDate={setOn} reload={refetch} review={review} setReview={setReview} />
    </Form>
  );
}

function PublishBody(props: {
  programme: ProgrammeRecord;
  onDate: (date: string) => void;
  reload: () => Promise<unknown>;
  review: PublishForm | null;
  setReview: (values: PublishForm | null) => void;
}) {
  const { programme, review, setReview } = props;
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useFormContext<PublishForm>();
  const effectiveFrom = useWatch({ control: form.control, name: 'effectiveFrom' });
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<number | null>(null);
  const latest = programme.versions.at(-1);
  const basedOn = latest?.number ?? 0;

  // Settings a template locks on the draft's date: read-only here, with the template's name.
  const locks = useMemo(() => {
    const map = new Map<Setting, string>();
    for (const origin of programme.configuration?.origins ?? [])
      if (origin.lockedBy && origin.lockedBy.id !== programme.id)
        map.set(origin.setting as Setting, origin.lockedBy.name);
    return map;
  }, [programme]);
  const locked = useMemo(() => new Set(locks.keys()), [locks]);

  const publish = async (values: PublishForm) => {
    setBusy(true);
    try {
      const { publishProgrammeVersion } = await execute(PUBLISH_VERSION, {
        input: publishInput(values, programme, locked, basedOn),
      });
      form.reset(values); // nothing unsaved any more: leaving the page is not a loss
      await queryClient.invalidateQueries({ queryKey: ['programmes'] });
      notify('doudi.publish.published', {
        type: 'success',
        messageArgs: { number: publishProgrammeVersion.version.number },
      });
      void navigate(`/programmes/${encodeURIComponent(programme.id)}/show`);
    } catch (error) {
      setReview(null);
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'CONFLICT') {
        setConflict(Number(error.first.extensions?.latestVersion ?? basedOn + 1));
        return;
      }
      const fields = error.body?.errors ?? {};
      for (const [field, message] of Object.entries(fields)) {
        form.setError(field as never, { type: 'server', message });
      }
      const first = error.first.extensions?.field;
      if (!first || !formField(first)) notify(error.message, { type: 'error', multiLine: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('doudi.publish.title', { name: programme.name })} />
      <Card>
        <CardContent>
          <Typography variant="h5" component="h1">
            {translate('doudi.publish.title', { name: programme.name })}
          </Typography>
          <Typography color="text.secondary" sx={{ mb: 2 }}>
            {latest
              ? translate('doudi.publish.based_on', { number: latest.number, date: latest.effectiveFrom })
              : translate('doudi.publish.first_version')}{' '}
            · {programme.jurisdiction.name}
          </Typography>
          {conflict !== null && (
            <Alert
              severity="warning"
              sx={{ mb: 2 }}
              data-testid="conflict"
              action={
                <Button
                  color="inherit"
                  onClick={() =>
                    void props.reload().then(() => {
                      setConflict(null);
                      notify('doudi.publish.reloaded', { type: 'info' });
                    })
                  }
                >
                  {translate('doudi.publish.reload')}
                </Button>
              }
            >
              <strong>{translate('doudi.publish.conflict_title')}</strong>
              <br />
              {translate('doudi.publish.conflict_text', { number: conflict })}
            </Alert>
          )}
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 3 }}>
            <Controller
              control={form.control}
              name="effectiveFrom"
              rules={{
                required: translate('ra.validation.required'),
                validate: (value) => isDate(String(value)) || translate('doudi.publish.date_format'),
              }}
              render={({ field, fieldState }) => (
                <DateField
                  {...field}
                  onChange={(e) => {
                    field.onChange(e);
                    if (isDate(e.target.value)) props.onDate(e.target.value);
                  }}
                  label={translate('doudi.publish.effective_from')}
                  size="small"
                  required
                  error={!!fieldState.error}
                  helperText={fieldState.error?.message ?? translate('doudi.publish.effective_help')}
                />
              )}
            />
            <Controller
              control={form.control}
              name="note"
              render={({ field }) => (
                <TextField {...field} label={translate('doudi.publish.note')} size="small" sx={{ flex: 1 }} />
              )}
            />
          </Stack>
          <RuleSection
            jurisdiction={programme.jurisdiction}
            on={effectiveFrom || today()}
            lockedBy={locks.get('ELIGIBILITY')}
          />
          <AmountSection lockedBy={locks.get('AMOUNT')} />
          <CapsSection lockedBy={locks.get('CAPS')} />
          <TiersSection lockedBy={locks.get('APPROVAL')} />
          <NoticeSection lockedBy={locks.get('PUBLIC_NOTICE')} />
          {programme.isTemplate && <LocksSection />}
          <Button variant="contained" size="large" type="submit" disabled={conflict !== null}>
            {translate('doudi.publish.review')}
          </Button>
        </CardContent>
      </Card>
      {review && (
        <DiffDialog
          rows={diffRows(translate, programme, draftSettings(review, locked))}
          effectiveFrom={review.effectiveFrom}
          busy={busy}
          onClose={() => setReview(null)}
          onConfirm={() => void publish(review)}
        />
      )}
    </Box>
  );
}
