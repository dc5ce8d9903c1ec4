import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import {
  FormDataConsumer,
  Form,
  SelectInput,
  TextInput,
  maxLength,
  required,
  useNotify,
  useTranslate,
} from 'react-admin';
import type { CaseRecord } from '../cases/data';
import { ApiError } from '../data/api-error';
import { execute } from '../data/client';
import { DOCUMENT_MESSAGES, fieldErrors } from '../webhooks/field-errors';
import { GENERATE_DOCUMENT } from './documents';
import { LETTER_KINDS, type LetterKind } from './kinds';

/**
 * What each letter is made from (docs/documents.md, Kinds): 附件3 and 附件5 a visit (附件3 one at which the family
 * asked for referral), 附件4 a referral, 七(五)'s answer a referral answered or declined, 附件2 the case itself.
 */
function sourcesOf(kind: LetterKind | undefined, found: CaseRecord, translate: (key: string) => string) {
  const referral = (r: CaseRecord['referrals']['nodes'][number]) => ({
    id: r.id,
    name: `${translate(`doudi.cases.enums.ReferralKind.${r.kind}`)} · ${r.toOrganisation.name} · ${translate(`doudi.cases.enums.ReferralStatus.${r.status}`)}`,
  });
  const visit = (v: CaseRecord['visits'][number]) => ({
    id: v.id,
    name: `${v.visitedOn} · ${v.visitorOrganisations.map((o) => o.name).join('、')}`,
  });
  switch (kind) {
    case 'PUSH_LETTER':
      return { referrals: found.referrals.nodes.map(referral) };
    case 'ANSWER_LETTER':
      return {
        referrals: found.referrals.nodes
          .filter((r) => r.status === 'ANSWERED' || r.status === 'DECLINED')
          .map(referral),
      };
    case 'REFERRAL_REQUEST':
      return { visits: found.visits.filter((v) => v.referralRequested).map(visit) };
    case 'VISIT_RECORD':
      return { visits: found.visits.map(visit) };
    default:
      return {};
  }
}

/**
 * Generates one of the regulations' letters from the case (襄政办发〔2023〕26号 附件2–5, 七(五) 书面函复) with the
 * referral or visit it needs. The idempotency key is one per opening of the dialog, so a retried click stores one
 * letter (and the API answers the same letter for the same matter anyway).
 */
export function GenerateDialog(props: { found: CaseRecord; onClose: (title?: string) => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  // 附件2–5 belong to a non-natural-death case; an answer letter to any referral answered or declined.
  const kinds = LETTER_KINDS.filter((k) => props.found.channel === 'NON_NATURAL_DEATH' || k === 'ANSWER_LETTER');

  const submit = async (values: Record<string, unknown>) => {
    const kind = values.kind as LetterKind;
    const sources = sourcesOf(kind, props.found, translate);
    setBusy(true);
    try {
      const { generateCaseDocument } = await execute(GENERATE_DOCUMENT, {
        input: {
          caseId: props.found.id,
          kind,
          referralId: sources.referrals ? (values.referralId as string) || undefined : undefined,
          visitId: sources.visits ? (values.visitId as string) || undefined : undefined,
          purpose: typeof values.purpose === 'string' && values.purpose.trim() ? values.purpose.trim() : undefined,
          idempotencyKey,
        },
      });
      props.onClose(generateCaseDocument.document.title);
      return undefined;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const fields = fieldErrors(error, DOCUMENT_MESSAGES, ['kind', 'referralId', 'visitId', 'purpose']);
      if (fields) return fields;
      notify(error.message, { type: 'error', multiLine: true, messageArgs: { _: error.message } });
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={() => props.onClose()} aria-labelledby="generate-title" fullWidth maxWidth="sm">
      <Form onSubmit={submit} defaultValues={{ kind: kinds.length === 1 ? kinds[0] : undefined }}>
        <DialogTitle id="generate-title">{translate('doudi.documents.generate_title')}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{translate('doudi.documents.generate_help')}</DialogContentText>
          <SelectInput
            source="kind"
            label="doudi.documents.fields.kind"
            choices={kinds.map((id) => ({ id, name: `doudi.documents.kinds.${id}` }))}
            validate={required()}
            fullWidth
          />
          <FormDataConsumer>
            {({ formData }) => {
              const sources = sourcesOf(formData.kind as LetterKind | undefined, props.found, translate);
              return (
                <>
                  {sources.referrals && (
                    <SelectInput
                      source="referralId"
                      label="doudi.documents.fields.referral"
                      choices={sources.referrals}
                      translateChoice={false}
                      validate={required()}
                      fullWidth
                    />
                  )}
                  {sources.visits && (
                    <SelectInput
                      source="visitId"
                      label="doudi.documents.fields.visit"
                      choices={sources.visits}
                      translateChoice={false}
                      validate={required()}
                      fullWidth
                    />
                  )}
                </>
              );
            }}
          </FormDataConsumer>
          <TextInput
            source="purpose"
            label="doudi.documents.fields.purpose"
            helperText="doudi.documents.purpose_help"
            validate={maxLength(200)}
            fullWidth
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => props.onClose()}>{translate('ra.action.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy}>
            {translate('doudi.documents.generate')}
          </Button>
        </DialogActions>
      </Form>
    </Dialog>
  );
}
