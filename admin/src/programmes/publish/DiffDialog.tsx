import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useTranslate } from 'react-admin';
import type { ProgrammeRecord } from '../data';
import { SETTINGS, settingText, type Setting, type SettingsValues } from '../settings-text';

export interface DiffRow {
  setting: Setting;
  before: string;
  after: string;
}

/**
 * What publishing changes on its effective date: the configuration in force then (this programme's latest
 * version merged with its templates) against the same with the draft. A setting the draft leaves out falls
 * back to the template's, or to none when only this programme had set it.
 */
export function diffRows(
  translate: ReturnType<typeof useTranslate>,
  programme: ProgrammeRecord,
  draft: SettingsValues & { sets: Setting[] },
): DiffRow[] {
  const config = programme.configuration;
  return SETTINGS.map((setting) => {
    const origin = config?.origins.find((o) => o.setting === setting);
    const before = settingText(translate, setting, config?.settings);
    const inherited = origin && origin.programme.id !== programme.id;
    const after = draft.sets.includes(setting)
      ? settingText(translate, setting, draft)
      : inherited
        ? before
        : translate('doudi.unset');
    return { setting, before, after };
  }).filter((row) => row.before !== row.after);
}

export function DiffDialog(props: {
  rows: DiffRow[];
  effectiveFrom: string;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const translate = useTranslate();
  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="md" aria-labelledby="diff-title">
      <DialogTitle id="diff-title">
        {translate('doudi.publish.diff_title')}（{translate('doudi.publish.effective_from')} {props.effectiveFrom}）
      </DialogTitle>
      <DialogContent>
        {props.rows.length === 0 ? (
          <Typography>{translate('doudi.publish.diff_none')}</Typography>
        ) : (
          <Table size="small" data-testid="diff">
            <TableHead>
              <TableRow>
                <TableCell component="th" scope="col">
                  {translate('doudi.programme.col_setting')}
                </TableCell>
                <TableCell component="th" scope="col">
                  {translate('doudi.publish.diff_before')}
                </TableCell>
                <TableCell component="th" scope="col">
                  {translate('doudi.publish.diff_after')}
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {props.rows.map((row) => (
                <TableRow key={row.setting}>
                  <TableCell component="th" scope="row">
                    {translate(`doudi.programme.settings.${row.setting}`)}
                  </TableCell>
                  <TableCell sx={{ textDecoration: 'line-through', color: 'text.secondary', wordBreak: 'break-word' }}>
                    <del>{row.before}</del>
                  </TableCell>
                  <TableCell sx={{ fontWeight: 600, wordBreak: 'break-word' }}>
                    <ins style={{ textDecoration: 'none' }}>{row.after}</ins>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{translate('doudi.publish.back')}</Button>
        <Button variant="contained" onClick={props.onConfirm} disabled={props.busy}>
          {translate('doudi.publish.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
