import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, Box, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { Controller, useFormContext, useFormState, type FieldPath } from 'react-hook-form';
import { Form, Loading, Title, useGetOne, useNotify, useTranslate } from 'react-admin';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../data/api-error';
import { execute } from '../data/client';
import { useJurisdiction } from '../jurisdictions';
import type { StandardYear } from './data';
import { SET_LOCAL_STANDARD } from './documents';
import { fieldErrors } from './form-errors';

interface StandardForm {
  dibaoUrbanMonthly: string;
  dibaoRuralMonthly: string;
  tekunMonthly: string;
  lowIncomeMultiplier: string;
  publishedIn: string;
}

/**
 * Sets a division's own standards for a year, starting from those in force (its own, or inherited). The form is
 * filled once: reloading after a conflict refreshes the version it corrects, never what the person typed.
 */
export function StandardEditPage() {
  const { id = '' } = useParams();
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { data, isPending, refetch } = useGetOne<StandardYear>('standards', { id }, { placeholderData: (p) => p });
  const jurisdiction = useJurisdiction(data?.jurisdictionCode);
  const [defaults] = useState<{ value: StandardForm | null }>({ value: null });
  const [conflict, setConflict] = useState(false);
  const [saved, setSaved] = useState(false);
  if (isPending || !data) return <Loading />;
  const own = data.standard?.publishedBy.code === data.jurisdictionCode;
  if (!defaults.value) {
    const s = data.standard;
    defaults.value = {
      dibaoUrbanMonthly: s?.dibaoUrbanMonthly ?? '',
      dibaoRuralMonthly: s?.dibaoRuralMonthly ?? '',
      tekunMonthly: s?.tekunMonthly ?? '',
      lowIncomeMultiplier: s?.lowIncomeMultiplier ?? '1.50',
      publishedIn: own ? (s?.publishedIn ?? '') : '',
    };
  }
  const name = jurisdiction.data?.name ?? '';

  // Returns the API's messages by field, which the form shows in place; a conflict keeps the form as typed.
  const save = async (values: StandardForm) => {
    try {
      await execute(SET_LOCAL_STANDARD, {
        input: {
          jurisdictionCode: data.jurisdictionCode,
          year: data.year,
          dibaoUrbanMonthly: values.dibaoUrbanMonthly.trim(),
          dibaoRuralMonthly: values.dibaoRuralMonthly.trim(),
          tekunMonthly: values.tekunMonthly.trim() || undefined,
          lowIncomeMultiplier: values.lowIncomeMultiplier.trim() || undefined,
          publishedIn: values.publishedIn.trim() || undefined,
          // Correcting one's own standards needs the version read; a first publication sends none.
          version: own ? data.standard?.version : undefined,
        },
      });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'CONFLICT') return void setConflict(true);
      const fields = fieldErrors(error, translate);
      if (!Object.keys(fields).length) notify(error.message, { type: 'error', multiLine: true });
      return fields;
    }
    await queryClient.invalidateQueries({ queryKey: ['standards'] });
    notify('doudi.standards.saved', { type: 'success', messageArgs: { jurisdiction: name, year: data.year } });
    setSaved(true);
  };

  const title = translate('doudi.standards.edit_title', { jurisdiction: name, year: data.year });
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={title} />
      <Card>
        <CardContent>
          <Form
            defaultValues={defaults.value}
            onSubmit={(values: Record<string, unknown>) => save(values as unknown as StandardForm)}
            warnWhenUnsavedChanges
            noValidate
          >
            <Typography variant="h5" component="h1" gutterBottom>
              {title}
            </Typography>
            <Typography color="text.secondary" sx={{ mb: 2 }}>
              {own
                ? translate('doudi.standards.correcting', { version: data.standard?.version })
                : data.standard
                  ? translate('doudi.standards.starting_from', { name: data.standard.publishedBy.name })
                  : translate('doudi.origin.none')}
            </Typography>
            {conflict && (
              <Alert
                severity="warning"
                sx={{ mb: 2 }}
                data-testid="conflict"
                action={
                  <Button
                    color="inherit"
                    onClick={() =>
                      void refetch().then(() => {
                        setConflict(false);
                        notify('doudi.standards.reloaded', { type: 'info' });
                      })
                    }
                  >
                    {translate('doudi.standards.reload')}
                  </Button>
                }
              >
                <strong>{translate('doudi.standards.conflict_title')}</strong>
                <br />
                {translate('doudi.standards.conflict_text')}
              </Alert>
            )}
            <Stack spacing={2} sx={{ maxWidth: 480 }}>
              <Amount name="dibaoUrbanMonthly" required />
              <Amount name="dibaoRuralMonthly" required />
              <Amount name="tekunMonthly" />
              <Line name="lowIncomeMultiplier" help="doudi.standards.multiplier_help" inputMode="decimal" />
              <Line name="publishedIn" />
            </Stack>
            <SaveButton disabled={conflict} />
            {saved && <BackWhenSaved to="/standards" />}
          </Form>
        </CardContent>
      </Card>
    </Box>
  );
}

/** Leaves once the form counts as submitted, so the unsaved-changes guard does not stop a saved form. */
function BackWhenSaved({ to }: { to: string }) {
  const navigate = useNavigate();
  const { isSubmitSuccessful } = useFormState();
  useEffect(() => {
    if (isSubmitSuccessful) void navigate(to);
  }, [isSubmitSuccessful, navigate, to]);
  return null;
}

function SaveButton({ disabled }: { disabled: boolean }) {
  const translate = useTranslate();
  const { formState } = useFormContext();
  return (
    <Button type="submit" variant="contained" size="large" sx={{ mt: 3 }} disabled={disabled || formState.isSubmitting}>
      {translate('ra.action.save')}
    </Button>
  );
}

const Amount = ({ name, required }: { name: FieldPath<StandardForm>; required?: boolean }) => (
  <Line name={name} help="doudi.standards.yuan_help" inputMode="decimal" required={required} />
);

/** A field of the form with its label, help, and the API's message for it in place of the help. */
function Line(props: { name: FieldPath<StandardForm>; help?: string; inputMode?: 'decimal'; required?: boolean }) {
  const translate = useTranslate();
  const { control } = useFormContext<StandardForm>();
  return (
    <Controller
      control={control}
      name={props.name}
      rules={props.required ? { required: translate('ra.validation.required') } : undefined}
      render={({ field, fieldState }) => (
        <TextField
          {...field}
          label={translate(`doudi.standards.figures.${props.name}`)}
          required={props.required}
          size="small"
          error={!!fieldState.error}
          helperText={fieldState.error?.message ?? (props.help ? translate(props.help) : undefined)}
          slotProps={{ htmlInput: { inputMode: props.inputMode } }}
        />
      )}
    />
  );
}
