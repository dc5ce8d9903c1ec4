import { useState } from 'react';
import {
  Card,
  CardContent,
  IconButton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import { Button, useGetList, useNotify, useTranslate } from 'react-admin';
import { execute } from '../data/client';
import { ApiError } from '../data/api-error';
import { type Override, useRefreshCalendar } from './data';
import { REMOVE_CALENDAR_OVERRIDE } from './documents';
import { OverrideDialog } from './OverrideDialog';

/**
 * The entries of a year, editable where they are this division's own: with a division, its overrides and those
 * of the divisions above it (named, not coded); without, the national days entered by a SYSTEM_ADMIN.
 */
export function OverridesCard(props: {
  jurisdictionCode: string | null;
  year: number;
  names: Map<string, string>;
  canEdit: boolean;
  title: string;
  intro: string;
  empty: string;
  addLabel: string;
  children?: React.ReactNode;
}) {
  const { jurisdictionCode, year } = props;
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefreshCalendar();
  const [dialog, setDialog] = useState<{ editing?: Override } | null>(null);
  const { data = [] } = useGetList<Override>('calendar', {
    filter: { jurisdictionCode, year },
    pagination: { page: 1, perPage: 100 },
  });
  const remove = async (entry: Override) => {
    try {
      await execute(REMOVE_CALENDAR_OVERRIDE, { input: { jurisdictionCode, date: entry.date } });
      await refresh();
      notify('doudi.calendar.removed', { type: 'info', messageArgs: { date: entry.date } });
    } catch (error) {
      notify(error instanceof ApiError ? error.message : String(error), { type: 'error' });
    }
  };
  const testId = jurisdictionCode ? 'local-overrides' : 'national-entries';
  return (
    <Card data-testid={testId}>
      <CardContent>
        <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
          <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
            {props.title}
          </Typography>
          {props.canEdit && (
            <Button label={props.addLabel} onClick={() => setDialog({})} variant="outlined">
              <AddIcon />
            </Button>
          )}
        </Stack>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {props.intro}
        </Typography>
        {props.children}
        {data.length === 0 ? (
          <Typography variant="body2" sx={{ py: 1 }}>
            {props.empty}
          </Typography>
        ) : (
          <Table size="small" aria-label={props.title}>
            <TableHead>
              <TableRow>
                {['override_date', 'override_kind', 'override_reason', 'override_from'].map((column) => (
                  <TableCell key={column} component="th" scope="col">
                    {translate(`doudi.calendar.${column}`)}
                  </TableCell>
                ))}
                {props.canEdit && <TableCell />}
              </TableRow>
            </TableHead>
            <TableBody>
              {data.map((entry) => {
                const own = entry.jurisdictionCode === jurisdictionCode;
                const from = entry.jurisdictionCode
                  ? own
                    ? translate('doudi.origin.own')
                    : translate('doudi.origin.inherited', {
                        name: props.names.get(entry.jurisdictionCode) ?? entry.jurisdictionCode,
                      })
                  : translate('doudi.calendar.national_entered');
                return (
                  <TableRow key={entry.id} data-date={entry.date}>
                    <TableCell>{entry.date}</TableCell>
                    <TableCell>{translate(`doudi.calendar.kinds.${entry.kind}`)}</TableCell>
                    <TableCell>{entry.reason}</TableCell>
                    <TableCell>{from}</TableCell>
                    {props.canEdit && (
                      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                        {own && (
                          <>
                            <IconButton
                              size="small"
                              aria-label={`${translate('doudi.calendar.edit_override')} ${entry.date}`}
                              onClick={() => setDialog({ editing: entry })}
                            >
                              <EditIcon fontSize="small" />
                            </IconButton>
                            <IconButton
                              size="small"
                              aria-label={translate('doudi.calendar.remove_override', { date: entry.date })}
                              onClick={() => void remove(entry)}
                            >
                              <DeleteIcon fontSize="small" />
                            </IconButton>
                          </>
                        )}
                      </TableCell>
                    )}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </CardContent>
      {dialog && (
        <OverrideDialog
          jurisdictionCode={jurisdictionCode}
          year={year}
          editing={dialog.editing}
          title={translate(dialog.editing ? 'doudi.calendar.edit_override' : 'doudi.calendar.add_override')}
          onClose={() => setDialog(null)}
        />
      )}
    </Card>
  );
}
