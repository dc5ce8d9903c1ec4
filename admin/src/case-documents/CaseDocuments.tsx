import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Stack, Typography } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import { Button, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { Viewer } from '../auth/auth-provider';
import type { CaseRecord } from '../cases/data';
import { execute } from '../data/client';
import { instant } from '../format';
import { RowsTable, type Column } from '../Section';
import type { ResultOf } from '../graphql/graphql';
import { AttachDialog } from './AttachDialog';
import { CASE_DOCUMENTS, type DOCUMENT_FIELDS } from './documents';
import { GenerateDialog } from './GenerateDialog';
import { size } from './kinds';
import { downloadDocument } from './transfer';

type DocumentRow = ResultOf<typeof DOCUMENT_FIELDS>;

function DownloadButton({ document }: { document: DocumentRow }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const status = await downloadDocument(document);
      if (status !== 200) notify('doudi.documents.download_failed', { type: 'error', messageArgs: { status } });
    } catch {
      notify('doudi.errors.network', { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      label={busy ? 'doudi.documents.downloading' : 'doudi.documents.download'}
      aria-label={`${translate('doudi.documents.download')} ${document.fileName}`}
      onClick={() => void download()}
      disabled={busy}
    >
      <DownloadIcon />
    </Button>
  );
}

/**
 * 文书材料 of the case page (issue 19 item 4): the letters generated and the materials attached, as far as the caller
 * may read them — kind, 文号, file name, size, generated or uploaded, archived (归档) — each downloaded with the
 * caller's token; "generate a letter" and "attach material" while the case is open (a closed case's documents are
 * archived and read-only, 晋检发办字〔2023〕10号 第二十四条).
 */
export function CaseDocuments({ found, viewer }: { found: CaseRecord; viewer: Viewer }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [dialog, setDialog] = useState<'generate' | 'attach' | null>(null);
  const documents = useQuery({
    queryKey: ['case-documents', found.id],
    queryFn: ({ signal }) => execute(CASE_DOCUMENTS, { id: found.id }, { signal }).then((r) => r.case),
  });
  const open = found.status === 'OPEN';
  const mayWrite = open && viewer.permissions.includes('CASES_WRITE');
  const referralName = (id: string) => {
    const r = found.referrals.nodes.find((n) => n.id === id);
    return r ? `${translate(`doudi.cases.enums.ReferralKind.${r.kind}`)} · ${r.toOrganisation.name}` : '';
  };
  const d = (key: string) => translate(`doudi.documents.fields.${key}`);
  const columns: Column<DocumentRow>[] = [
    [
      d('kind'),
      (doc) => (
        <span data-kind={doc.kind}>
          {translate(`doudi.documents.kinds.${doc.kind}`)}
          {doc.referral ? ` · ${referralName(doc.referral.id)}` : ''}
        </span>
      ),
    ],
    [d('documentNumber'), (doc) => doc.documentNumber ?? '—'],
    [
      d('fileName'),
      (doc) => (
        <>
          {doc.fileName}
          {doc.copiedTo.length ? (
            <Typography variant="body2" color="text.secondary">
              {translate('doudi.documents.copied_to', { names: doc.copiedTo.map((o) => o.name).join('、') })}
            </Typography>
          ) : null}
          {doc.sensitive ? (
            <Typography variant="body2" color="text.secondary">
              {translate('doudi.documents.sensitive')}
            </Typography>
          ) : null}
        </>
      ),
    ],
    [d('byteLength'), (doc) => <span style={{ whiteSpace: 'nowrap' }}>{size(doc.byteLength)}</span>],
    [
      d('source'),
      (doc) =>
        `${translate(doc.generated ? 'doudi.documents.source.generated' : 'doudi.documents.source.uploaded')}${
          doc.issuingOrganisation ? ` · ${doc.issuingOrganisation.name}` : ''
        }`,
    ],
    [d('createdAt'), (doc) => instant(doc.createdAt)],
    [
      d('archived'),
      (doc) => (
        <span data-archived={doc.archivedAt ? 'true' : 'false'} style={{ whiteSpace: 'nowrap' }}>
          {doc.archivedAt
            ? `${translate('doudi.documents.archived_yes')} ${instant(doc.archivedAt)}`
            : translate('doudi.documents.archived_no')}
        </span>
      ),
    ],
    [d('actions'), (doc) => <DownloadButton document={doc} />],
  ];
  const rows = documents.data?.documents ?? [];
  return (
    <div data-testid="case-documents">
      {!open && rows.length > 0 && (
        <Alert severity="info" sx={{ mb: 1 }}>
          {translate('doudi.documents.archived_note')}
        </Alert>
      )}
      {mayWrite && (
        <Stack direction="row" spacing={1} sx={{ mb: 1 }}>
          <Button label="doudi.documents.generate" variant="outlined" onClick={() => setDialog('generate')} />
          <Button label="doudi.documents.attach" variant="outlined" onClick={() => setDialog('attach')} />
        </Stack>
      )}
      {documents.error ? (
        <Alert severity="error">{(documents.error as Error).message}</Alert>
      ) : (
        <RowsTable
          columns={columns}
          rows={rows}
          empty={
            <Typography color="text.secondary">
              {documents.isPending ? '…' : translate('doudi.documents.none')}
            </Typography>
          }
        />
      )}
      {dialog === 'generate' && (
        <GenerateDialog
          found={found}
          onClose={(title) => {
            setDialog(null);
            if (!title) return;
            notify('doudi.documents.generated', { type: 'success', messageArgs: { title } });
            // The letter is a step on the timeline too: the whole page is read again.
            refresh();
          }}
        />
      )}
      {dialog === 'attach' && (
        <AttachDialog
          found={found}
          onClose={(name) => {
            setDialog(null);
            if (!name) return;
            notify('doudi.documents.attached', { type: 'success', messageArgs: { name } });
            refresh();
          }}
        />
      )}
    </div>
  );
}
