import type { ReactNode } from 'react';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  FormControlLabel,
  FormHelperText,
  IconButton,
  MenuItem,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import { Controller, useFieldArray, useFormContext, useWatch, type FieldPath } from 'react-hook-form';
import { useTranslate } from 'react-admin';
import { SETTINGS, type Setting } from '../settings-text';
import type { PublishForm } from './form-values';

const LEVELS = ['VILLAGE', 'TOWNSHIP', 'COUNTY', 'CITY', 'PROVINCE'] as const;

/** A text field bound to the form, showing the API's message for it (server-side validation) in place. */
function Field({
  name,
  label,
  disabled,
  type,
}: {
  name: FieldPath<PublishForm>;
  label: string;
  disabled?: boolean;
  type?: string;
}) {
  const { control } = useFormContext<PublishForm>();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <TextField
          {...field}
          value={field.value ?? ''}
          label={label}
          type={type}
          size="small"
          disabled={disabled}
          error={!!fieldState.error}
          helperText={fieldState.error?.message}
          slotProps={{ htmlInput: { inputMode: type === 'number' ? 'numeric' : 'decimal' } }}
        />
      )}
    />
  );
}

/** A setting's block: its heading, the lock notice when a template locks it, and its own error from the API. */
function Section(props: { id: string; title: string; lockedBy?: string; error?: string; children: ReactNode }) {
  const translate = useTranslate();
  return (
    <Box component="section" aria-labelledby={`${props.id}-heading`} data-setting={props.id} sx={{ mb: 3 }}>
      <Typography id={`${props.id}-heading`} variant="h6" component="h2" gutterBottom>
        {props.title}
      </Typography>
      {props.lockedBy && (
        <Alert severity="info" sx={{ mb: 1 }} data-testid={`locked-${props.id}`}>
          {translate('doudi.publish.locked_field', { template: props.lockedBy })}
        </Alert>
      )}
      {props.error && (
        <Alert severity="error" sx={{ mb: 1 }} data-testid={`error-${props.id}`}>
          {props.error}
        </Alert>
      )}
      {props.children}
    </Box>
  );
}

/** The API names a whole setting (input.caps) when a template refuses it; the form shows that above the group. */
function useGroupError(name: 'caps' | 'approvalTiers' | 'amount' | 'publicNoticeDays'): string | undefined {
  const { formState } = useFormContext<PublishForm>();
  const error = (formState.errors as Record<string, { message?: string; root?: { message?: string } } | undefined>)[
    name
  ];
  return error?.message ?? error?.root?.message;
}

export function AmountSection({ lockedBy }: { lockedBy?: string }) {
  const translate = useTranslate();
  const { control } = useFormContext<PublishForm>();
  const mode = useWatch({ control, name: 'amountMode' });
  return (
    <Section
      id="AMOUNT"
      title={translate('doudi.publish.amount_mode')}
      lockedBy={lockedBy}
      error={useGroupError('amount')}
    >
      <Controller
        control={control}
        name="amountMode"
        render={({ field }) => (
          <RadioGroup row {...field} aria-label={translate('doudi.publish.amount_mode')}>
            <FormControlLabel
              value="inherit"
              control={<Radio />}
              label={translate('doudi.publish.amount_inherit')}
              disabled={!!lockedBy}
            />
            <FormControlLabel
              value="fixed"
              control={<Radio />}
              label={translate('doudi.publish.amount_fixed')}
              disabled={!!lockedBy}
            />
            <FormControlLabel
              value="formula"
              control={<Radio />}
              label={translate('doudi.publish.amount_formula')}
              disabled={!!lockedBy}
            />
          </RadioGroup>
        )}
      />
      {mode === 'fixed' && (
        <Field name="fixedAmount" label={translate('doudi.publish.amount_fixed')} disabled={!!lockedBy} />
      )}
      {mode === 'formula' && (
        <Controller
          control={control}
          name="formula"
          render={({ field, fieldState }) => (
            <TextField
              {...field}
              label={translate('doudi.publish.amount_formula')}
              fullWidth
              multiline
              size="small"
              disabled={!!lockedBy}
              error={!!fieldState.error}
              helperText={fieldState.error?.message}
              slotProps={{ htmlInput: { style: { fontFamily: 'monospace' } } }}
            />
          )}
        />
      )}
    </Section>
  );
}

function Toggle({
  name,
  label,
  disabled,
}: {
  name: 'setCaps' | 'setTiers' | 'setNotice';
  label: string;
  disabled?: boolean;
}) {
  const { control } = useFormContext<PublishForm>();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <FormControlLabel
          control={
            <Checkbox checked={!!field.value} onChange={(e) => field.onChange(e.target.checked)} disabled={disabled} />
          }
          label={label}
        />
      )}
    />
  );
}

export function CapsSection({ lockedBy }: { lockedBy?: string }) {
  const translate = useTranslate();
  const on = useWatch<PublishForm, 'setCaps'>({ name: 'setCaps' });
  const disabled = !!lockedBy || !on;
  return (
    <Section id="CAPS" title={translate('doudi.publish.caps')} lockedBy={lockedBy} error={useGroupError('caps')}>
      <Toggle name="setCaps" label={translate('doudi.publish.set_caps')} disabled={!!lockedBy} />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mt: 1 }}>
        <Field name="caps.perGrant" label={translate('doudi.publish.cap_per_grant')} disabled={disabled} />
        <Field name="caps.perPersonPerYear" label={translate('doudi.publish.cap_per_person')} disabled={disabled} />
        <Field
          name="caps.perHouseholdPerYear"
          label={translate('doudi.publish.cap_per_household')}
          disabled={disabled}
        />
      </Stack>
    </Section>
  );
}

export function TiersSection({ lockedBy }: { lockedBy?: string }) {
  const translate = useTranslate();
  const { control } = useFormContext<PublishForm>();
  const { fields, append, remove } = useFieldArray({ control, name: 'approvalTiers' });
  const on = useWatch({ control, name: 'setTiers' });
  const disabled = !!lockedBy || !on;
  return (
    <Section
      id="APPROVAL"
      title={translate('doudi.publish.tiers')}
      lockedBy={lockedBy}
      error={useGroupError('approvalTiers')}
    >
      <Toggle name="setTiers" label={translate('doudi.publish.set_tiers')} disabled={!!lockedBy} />
      {fields.map((tier, index) => (
        <Stack key={tier.id} direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mt: 1, alignItems: 'center' }}>
          <Field
            name={`approvalTiers.${index}.upTo`}
            label={translate('doudi.publish.tier_up_to')}
            disabled={disabled}
          />
          <Controller
            control={control}
            name={`approvalTiers.${index}.level`}
            render={({ field, fieldState }) => (
              <TextField
                select
                {...field}
                label={translate('doudi.publish.tier_level')}
                size="small"
                disabled={disabled}
                sx={{ minWidth: 160 }}
                error={!!fieldState.error}
                helperText={fieldState.error?.message}
              >
                {LEVELS.map((level) => (
                  <MenuItem key={level} value={level}>
                    {translate(`doudi.programme.levels.${level}`)}
                  </MenuItem>
                ))}
              </TextField>
            )}
          />
          <Controller
            control={control}
            name={`approvalTiers.${index}.collectiveReview`}
            render={({ field }) => (
              <FormControlLabel
                control={
                  <Checkbox
                    checked={!!field.value}
                    onChange={(e) => field.onChange(e.target.checked)}
                    disabled={disabled}
                  />
                }
                label={translate('doudi.publish.tier_review')}
                // A narrow row squeezed the label into one character a line.
                sx={{ flexShrink: 0, whiteSpace: 'nowrap' }}
              />
            )}
          />
          <IconButton aria-label={translate('ra.action.remove')} onClick={() => remove(index)} disabled={disabled}>
            <DeleteIcon />
          </IconButton>
        </Stack>
      ))}
      <Button
        onClick={() => append({ upTo: '', level: 'COUNTY', collectiveReview: false })}
        disabled={disabled}
        sx={{ mt: 1 }}
      >
        {translate('doudi.publish.add_tier')}
      </Button>
    </Section>
  );
}

export function NoticeSection({ lockedBy }: { lockedBy?: string }) {
  const translate = useTranslate();
  const on = useWatch<PublishForm, 'setNotice'>({ name: 'setNotice' });
  return (
    <Section
      id="PUBLIC_NOTICE"
      title={translate('doudi.publish.notice_days')}
      lockedBy={lockedBy}
      error={useGroupError('publicNoticeDays')}
    >
      <Toggle name="setNotice" label={translate('doudi.publish.set_notice')} disabled={!!lockedBy} />
      <Box sx={{ mt: 1 }}>
        <Field
          name="publicNoticeDays"
          label={translate('doudi.publish.notice_days')}
          type="number"
          disabled={!!lockedBy || !on}
        />
      </Box>
    </Section>
  );
}

/** A template's publisher chooses which settings the programmes below may not change. */
export function LocksSection() {
  const translate = useTranslate();
  const { control } = useFormContext<PublishForm>();
  return (
    <Section id="LOCKS" title={translate('doudi.publish.locks')}>
      <Controller
        control={control}
        name="locks"
        render={({ field }) => (
          <Stack direction="row" sx={{ flexWrap: 'wrap' }}>
            {SETTINGS.map((setting: Setting) => (
              <FormControlLabel
                key={setting}
                label={translate(`doudi.programme.settings.${setting}`)}
                control={
                  <Checkbox
                    checked={field.value.includes(setting)}
                    onChange={(e) =>
                      field.onChange(
                        e.target.checked ? [...field.value, setting] : field.value.filter((s) => s !== setting),
                      )
                    }
                  />
                }
              />
            ))}
          </Stack>
        )}
      />
      <FormHelperText>{translate('doudi.programme.locks')}</FormHelperText>
    </Section>
  );
}
