import { useState } from 'react';
import {
  Alert,
  Box,
  Card,
  CardContent,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import EditIcon from '@mui/icons-material/Edit';
import { Button, Loading, useCanAccess, useGetList, useTranslate } from 'react-admin';
import { useJurisdiction, useWorkingJurisdiction } from '../jurisdictions';
import { JurisdictionBar } from '../standards/JurisdictionBar';
import { originText } from '../standards/origin';
import type { TimeLimit } from './data';
import { TimeLimitDialog } from './TimeLimitDialog';
import { limitText, splitSource } from './text';

/**
 * The time limits of the workflows in a division: what is in force, the regulation's figure with its official
 * number and clause, and whether the division set it, inherited it from above, or keeps the regulation's.
 */
export function TimeLimitsPage() {
  const translate = useTranslate();
  const { working } = useWorkingJurisdiction();
  const jurisdiction = useJurisdiction(working);
  const { canAccess: canEdit } = useCanAccess({ resource: 'time-limits', action: 'edit' });
  const [editing, setEditing] = useState<TimeLimit | null>(null);
  const { data, isPending, error } = useGetList<TimeLimit>(
    'time-limits',
    { filter: { jurisdictionCode: working }, pagination: { page: 1, perPage: 100 } },
    { enabled: !!working },
  );
  // setBy is a division code on the chain of the one shown: named from its ancestors.
  const names = new Map(
    [...(jurisdiction.data?.ancestors ?? []), ...(jurisdiction.data ? [jurisdiction.data] : [])].map((j) => [
      j.code,
      j.name,
    ]),
  );
  return (
    <Box>
      <JurisdictionBar title="doudi.time_limits.title" />
      <Card>
        <CardContent>
          <Typography color="text.secondary" sx={{ mb: 2 }}>
            {translate('doudi.time_limits.intro')}
          </Typography>
          {error && <Alert severity="error">{(error as Error).message}</Alert>}
          {working && isPending ? (
            <Loading />
          ) : (
            <TableContainer>
              <Table size="small" aria-label={translate('doudi.time_limits.title')}>
                <TableHead>
                  <TableRow>
                    {['rule', 'in_force', 'regulation', 'source', 'origin'].map((column) => (
                      <TableCell key={column} component="th" scope="col">
                        {translate(`doudi.time_limits.${column}`)}
                      </TableCell>
                    ))}
                    {canEdit && <TableCell />}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {(data ?? []).map((limit) => {
                    const source = splitSource(limit.defaultSource);
                    const ruleName = translate(`doudi.time_limits.rules.${limit.rule}`);
                    return (
                      <TableRow key={limit.rule} data-rule={limit.rule}>
                        <TableCell component="th" scope="row">
                          {ruleName}
                        </TableCell>
                        <TableCell data-column="in-force">
                          <strong>{limitText(translate, limit.amount, limit.unit)}</strong>
                        </TableCell>
                        <TableCell>{limitText(translate, limit.defaultAmount, limit.unit)}</TableCell>
                        <TableCell sx={{ maxWidth: 360 }}>
                          <Typography variant="body2" component="span" sx={{ fontWeight: 500 }}>
                            {source.citation}
                          </Typography>
                          {source.text && (
                            <Typography variant="body2" component="span" color="text.secondary">
                              ：{source.text}
                            </Typography>
                          )}
                        </TableCell>
                        <TableCell data-column="origin">
                          {originText(
                            translate,
                            working ?? '',
                            limit.setBy ? { code: limit.setBy, name: names.get(limit.setBy) } : null,
                            'regulation',
                          )}
                        </TableCell>
                        {canEdit && (
                          <TableCell>
                            <Button
                              label="doudi.time_limits.edit"
                              aria-label={translate('doudi.time_limits.edit_title', { rule: ruleName })}
                              onClick={() => setEditing(limit)}
                            >
                              <EditIcon />
                            </Button>
                          </TableCell>
                        )}
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </TableContainer>
          )}
        </CardContent>
      </Card>
      {editing && working && (
        <TimeLimitDialog limit={editing} jurisdictionCode={working} onClose={() => setEditing(null)} />
      )}
    </Box>
  );
}
