import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import LockIcon from '@mui/icons-material/Lock';
import { useTranslate } from 'react-admin';
import type { ProgrammeRecord } from './data';
import { SETTINGS, settingText } from './settings-text';

/** Every setting in force on the chosen date, and where it comes from: here, a template, or a template's lock. */
export function ConfigurationOnDate({ programme }: { programme: ProgrammeRecord }) {
  const translate = useTranslate();
  const configuration = programme.configuration;
  if (!configuration) return <Typography>{translate('doudi.programme.no_version')}</Typography>;
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell component="th" scope="col">
            {translate('doudi.programme.col_setting')}
          </TableCell>
          <TableCell component="th" scope="col">
            {translate('doudi.programme.col_value')}
          </TableCell>
          <TableCell component="th" scope="col">
            {translate('doudi.programme.col_origin')}
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {SETTINGS.map((setting) => {
          const origin = configuration.origins.find((o) => o.setting === setting);
          const originText = !origin
            ? translate('doudi.programme.origin_none')
            : origin.lockedBy
              ? translate('doudi.programme.origin_locked', { name: origin.lockedBy.name })
              : origin.programme.id === programme.id
                ? translate('doudi.programme.origin_here', { number: origin.versionNumber })
                : translate('doudi.programme.origin_inherited', {
                    name: origin.programme.name,
                    number: origin.versionNumber,
                  });
          return (
            <TableRow key={setting} data-setting={setting}>
              <TableCell component="th" scope="row" sx={{ whiteSpace: 'nowrap' }}>
                {translate(`doudi.programme.settings.${setting}`)}
              </TableCell>
              <TableCell
                sx={{ fontFamily: setting === 'ELIGIBILITY' ? 'monospace' : undefined, wordBreak: 'break-word' }}
              >
                {settingText(translate, setting, configuration.settings)}
              </TableCell>
              <TableCell sx={{ color: 'text.secondary', whiteSpace: 'nowrap' }}>
                {origin?.lockedBy && <LockIcon fontSize="inherit" sx={{ verticalAlign: 'middle', mr: 0.5 }} />}
                {originText}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
