import { BooleanInput, TextInput, usePermissions, useTranslate } from 'react-admin';
import type { Viewer } from '../auth/auth-provider';
import { execute } from '../data/client';
import { today } from '../format';
import type { BenefitRecord } from './data';
import { APPROVE, OBJECT, REJECT, RESOLVE } from './documents';
import { DecisionButton } from './DecisionButton';

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** The steps the benefit's status and the signed-in person's permissions allow (the API checks them again). */
export function Decisions({ benefit }: { benefit: BenefitRecord }) {
  const translate = useTranslate();
  const { permissions } = usePermissions<Viewer>();
  const may = (scope: string) => !!permissions?.permissions.includes(scope as never);
  const base = { benefitId: benefit.id, version: benefit.version };
  const notice = benefit.settings.publicNoticeDays ?? 0;
  return (
    <>
      {benefit.status === 'PROPOSED' && may('BENEFITS_APPROVE') && (
        <>
          <DecisionButton
            id="approve"
            label="doudi.approvals.approve"
            variant="contained"
            help={
              notice > 0
                ? translate('doudi.approvals.approve_with_notice', { days: notice })
                : translate('doudi.approvals.approve_help')
            }
            defaults={{ decidedOn: today() }}
            run={(v) =>
              execute(APPROVE, {
                input: {
                  ...base,
                  decidedOn: text(v.decidedOn),
                  note: text(v.note),
                  collectiveReviewOn: text(v.collectiveReviewOn),
                  collectiveReviewReference: text(v.collectiveReviewReference),
                },
              })
            }
          >
            <TextInput source="decidedOn" label="doudi.approvals.fields.decidedOn" helperText="YYYY-MM-DD" />
            {benefit.collectiveReviewRequired && (
              <>
                <TextInput
                  source="collectiveReviewOn"
                  label="doudi.approvals.fields.collectiveReviewOn"
                  helperText="YYYY-MM-DD"
                />
                <TextInput
                  source="collectiveReviewReference"
                  label="doudi.approvals.fields.collectiveReviewReference"
                  fullWidth
                />
              </>
            )}
            <TextInput source="note" label="doudi.approvals.fields.note" multiline fullWidth />
          </DecisionButton>
          <DecisionButton
            id="reject"
            label="doudi.approvals.reject"
            help={translate('doudi.approvals.reject_help')}
            defaults={{ decidedOn: today() }}
            run={(v) => execute(REJECT, { input: { ...base, decidedOn: text(v.decidedOn), note: text(v.note) } })}
          >
            <TextInput source="decidedOn" label="doudi.approvals.fields.decidedOn" helperText="YYYY-MM-DD" />
            <TextInput source="note" label="doudi.approvals.fields.reason" multiline fullWidth />
          </DecisionButton>
        </>
      )}
      {benefit.status === 'IN_NOTICE' && may('BENEFITS_PROPOSE') && (
        <DecisionButton
          id="object"
          label="doudi.approvals.record_objection"
          defaults={{ receivedOn: today() }}
          run={(v) =>
            execute(OBJECT, {
              input: {
                benefitId: benefit.id,
                receivedOn: String(v.receivedOn ?? ''),
                objection: String(v.objection ?? ''),
              },
            })
          }
        >
          <TextInput source="receivedOn" label="doudi.approvals.fields.receivedOn" helperText="YYYY-MM-DD" />
          <TextInput source="objection" label="doudi.approvals.fields.objection" multiline fullWidth />
        </DecisionButton>
      )}
    </>
  );
}

/** Resolving one open objection: upheld rejects the benefit, dismissed lets it go on after the notice. */
export function ResolveObjection({ objectionId }: { objectionId: string }) {
  const { permissions } = usePermissions<Viewer>();
  if (!permissions?.permissions.includes('BENEFITS_APPROVE' as never)) return null;
  return (
    <DecisionButton
      id={`resolve-${objectionId}`}
      label="doudi.approvals.resolve"
      defaults={{ upheld: false, resolvedOn: today() }}
      run={(v) =>
        execute(RESOLVE, {
          input: {
            objectionId,
            upheld: !!v.upheld,
            resolution: String(v.resolution ?? ''),
            resolvedOn: text(v.resolvedOn),
          },
        })
      }
    >
      <BooleanInput source="upheld" label="doudi.approvals.fields.upheld" />
      <TextInput source="resolution" label="doudi.approvals.fields.resolution" multiline fullWidth />
      <TextInput source="resolvedOn" label="doudi.approvals.fields.resolvedOn" helperText="YYYY-MM-DD" />
    </DecisionButton>
  );
}
