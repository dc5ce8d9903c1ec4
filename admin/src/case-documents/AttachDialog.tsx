import { useId, useState } from 'react';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControl,
  FormHelperText,
  FormLabel,
  Typography,
} from '@mui/material';
import { visuallyHidden } from '../visually-hidden';
import { Form, SelectInput, TextInput, maxLength, required, useInput, useNotify, useTranslate } from 'react-admin';
import type { CaseRecord } from '../cases/data';
import { ApiError } from '../data/api-error';
import { DOCUMENT_MESSAGES, fieldErrors } from '../webhooks/field-errors';
import { MATERIAL_KINDS, size, type MaterialKind } from './kinds';
import { attachMaterial, base64Of } from './transfer';

/** What the file input offers; the API decides by the bytes, whatever the name or the browser's type says. */
const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

/** The file as a form field, so the API's refusal of it (type, size, active content) is shown right under it. */
function FileInput() {
  const translate = useTranslate();
  const id = useId();
  const { field, fieldState } = useInput<File | null>({ source: 'file', validate: required(), defaultValue: null });
  const file = field.value;
  const error = fieldState.error?.message;
  return (
    <FormControl error={!!error} fullWidth sx={{ mt: 1, mb: 2 }}>
      <FormLabel htmlFor={id}>{translate('doudi.documents.fields.file')}</FormLabel>
      {/* The browser's own file button speaks the browser's language: ours says 选择文件 in the console's. */}
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, mt: 1 }}>
        <input
          id={id}
          type="file"
          accept={ACCEPT}
          tabIndex={-1}
          aria-describedby={`${id}-help`}
          aria-invalid={!!error}
          onChange={(e) => field.onChange(e.target.files?.[0] ?? null)}
          style={visuallyHidden}
        />
        <Button component="label" htmlFor={id} variant="outlined" size="small">
          {translate('doudi.documents.choose_file')}
        </Button>
        <Typography variant="body2" color="text.secondary">
          {file ? file.name : translate('doudi.documents.no_file')}
        </Typography>
      </Box>
      <FormHelperText id={`${id}-help`} role={error ? 'alert' : undefined}>
        {error
          ? translate(error, { _: error })
          : file
            ? `${file.name} · ${size(file.size)}`
            : translate('doudi.documents.attach_help')}
      </FormHelperText>
    </FormControl>
  );
}

/**
 * Attaches a scan of a sealed letter, a certificate or other material to the case or one of its referrals. The file
 * goes in base64 through the gateway's import route (docs/documents.md, Uploads); the idempotency key is one per
 * opening of the dialog, so a retried click stores one document.
 */
export function AttachDialog(props: { found: CaseRecord; onClose: (name?: string) => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);

  const submit = async (values: Record<string, unknown>) => {
    const file = values.file as File;
    setBusy(true);
    try {
      const document = await attachMaterial({
        caseId: props.found.id,
        referralId: (values.referralId as string) || undefined,
        kind: values.kind as MaterialKind,
        fileName: file.name,
        description:
          typeof values.description === 'string' && values.description.trim() ? values.description.trim() : undefined,
        contentBase64: await base64Of(file),
        idempotencyKey,
      });
      props.onClose(document.fileName);
      return undefined;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const fields = fieldErrors(error, DOCUMENT_MESSAGES, ['kind', 'referralId', 'description', 'file'], {
        contentBase64: 'file',
        fileName: 'file',
      });
      if (fields) return fields;
      notify(error.message, { type: 'error', multiLine: true, messageArgs: { _: error.message } });
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={() => props.onClose()} aria-labelledby="attach-title" fullWidth maxWidth="sm">
      <Form onSubmit={submit} defaultValues={{ kind: 'SEALED_LETTER_SCAN' }}>
        <DialogTitle id="attach-title">{translate('doudi.documents.attach_title')}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{translate('doudi.documents.attach_help')}</DialogContentText>
          <SelectInput
            source="kind"
            label="doudi.documents.fields.kind"
            choices={MATERIAL_KINDS.map((id) => ({ id, name: `doudi.documents.kinds.${id}` }))}
            validate={required()}
            fullWidth
          />
          <SelectInput
            source="referralId"
            label="doudi.documents.fields.referral"
            choices={props.found.referrals.nodes.map((r) => ({
              id: r.id,
              name: `${translate(`doudi.cases.enums.ReferralKind.${r.kind}`)} · ${r.toOrganisation.name}`,
            }))}
            translateChoice={false}
            emptyText="doudi.documents.whole_case"
            fullWidth
          />
          <TextInput
            source="description"
            label="doudi.documents.fields.description"
            validate={maxLength(200)}
            fullWidth
          />
          <FileInput />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => props.onClose()}>{translate('ra.action.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy}>
            {translate('doudi.documents.attach')}
          </Button>
        </DialogActions>
      </Form>
    </Dialog>
  );
}
