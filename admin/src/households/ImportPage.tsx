import { useState } from 'react';
import {
  Alert,
  Box,
  Card,
  CardContent,
  LinearProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { Button, Title, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { ApiError } from '../data/api-error';
import { base64Of, formatOf, uploadHouseholds, type ImportReport } from './upload';

type Stage = 'choose' | 'checking' | 'checked' | 'importing' | 'imported';

/**
 * Importing a village list: the file is checked first (a dry run writes nothing and lists every row's problems),
 * and only a file without problems can then go in, whole (the API writes all of it or nothing).
 */
export function ImportPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>('choose');
  const [progress, setProgress] = useState(0);
  const [report, setReport] = useState<ImportReport | null>(null);
  // One key per file: a retried import after a lost answer goes in once.
  const [key, setKey] = useState(() => crypto.randomUUID());

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setStage(dryRun ? 'checking' : 'importing');
    setProgress(0);
    try {
      const answer = await uploadHouseholds(
        {
          fileName: file.name,
          format: formatOf(file),
          contentBase64: await base64Of(file),
          dryRun,
          idempotencyKey: key,
        },
        setProgress,
      );
      setReport(answer);
      setStage(answer.imported ? 'imported' : 'checked');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      notify(error.message, { type: 'error', autoHideDuration: 10_000, messageArgs: { _: error.message } });
      setStage(dryRun ? 'choose' : 'checked');
    }
  };
  const busy = stage === 'checking' || stage === 'importing';

  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('doudi.households.import.title')} />
      <Card>
        <CardContent>
          <Typography variant="h5" component="h1" gutterBottom>
            {translate('doudi.households.import.title')}
          </Typography>
          <Typography color="text.secondary" sx={{ mb: 2 }}>
            {translate('doudi.households.import.help')}
          </Typography>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
            <label htmlFor="household-file">{translate('doudi.households.import.file')}</label>
            <input
              id="household-file"
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              disabled={busy}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setReport(null);
                setStage('choose');
                setKey(crypto.randomUUID());
              }}
            />
            <Button
              label="doudi.households.import.check"
              variant="outlined"
              disabled={!file || busy}
              onClick={() => void send(true)}
            />
            <Button
              label="doudi.households.import.import"
              variant="contained"
              disabled={stage !== 'checked' || !report || report.problems.length > 0}
              onClick={() => void send(false)}
            />
          </Stack>
          {busy && (
            <Box sx={{ mt: 2 }}>
              <LinearProgress
                variant="determinate"
                value={Math.round(progress * 100)}
                aria-label={translate('doudi.households.import.progress')}
              />
              <Typography variant="body2" role="status">
                {progress < 1
                  ? translate('doudi.households.import.uploading', { percent: Math.round(progress * 100) })
                  : translate('doudi.households.import.waiting')}
              </Typography>
            </Box>
          )}
        </CardContent>
      </Card>
      {report && <Report report={report} />}
    </Box>
  );
}

function Report({ report }: { report: ImportReport }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const counts = { rows: report.rows, households: report.households, people: report.people };
  return (
    <Card sx={{ mt: 2 }} data-import-report={report.imported ? 'imported' : 'checked'}>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {translate(report.dryRun ? 'doudi.households.import.report_dry' : 'doudi.households.import.report')}
        </Typography>
        {report.imported ? (
          <Alert severity="success" role="status">
            {translate('doudi.households.import.done', counts)}{' '}
            <Link to="/households">{translate('doudi.households.import.to_list')}</Link>
          </Alert>
        ) : report.problems.length ? (
          <Alert severity="warning" role="status">
            {translate('doudi.households.import.problems', { ...counts, smart_count: report.problems.length })}
          </Alert>
        ) : (
          <Alert severity="info" role="status">
            {translate('doudi.households.import.clean', counts)}
          </Alert>
        )}
        {report.ignoredColumns.length > 0 && (
          <Typography sx={{ mt: 1 }}>
            {translate('doudi.households.import.ignored', { columns: report.ignoredColumns.join('、') })}
          </Typography>
        )}
        {report.problems.length > 0 && (
          <Table size="small" sx={{ mt: 2 }} aria-label={translate('doudi.households.import.problem_table')}>
            <TableHead>
              <TableRow>
                {['row', 'householdKey', 'column', 'code', ...(locale === 'en' ? ['message'] : [])].map((k) => (
                  <TableCell key={k}>{translate(`doudi.households.import.columns.${k}`)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {report.problems.map((p, i) => (
                <TableRow key={i} data-problem={p.code}>
                  <TableCell>{p.row}</TableCell>
                  <TableCell>{p.householdKey ?? '—'}</TableCell>
                  <TableCell>{p.column ?? '—'}</TableCell>
                  <TableCell>{translate(`doudi.households.import.codes.${p.code}`)}</TableCell>
                  {/* The API's message is in English: in Chinese the problem's code says it in words instead. */}
                  {locale === 'en' && <TableCell>{p.message}</TableCell>}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
