import { Link } from 'react-router-dom';
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
import { today, yuan } from '../format';
import { useWorkingJurisdiction } from '../jurisdictions';
import type { StandardYear } from './data';
import { JurisdictionBar } from './JurisdictionBar';
import { originText, yearsAround } from './origin';

type Figure =
  'dibaoUrbanMonthly' | 'dibaoRuralMonthly' | 'tekunMonthly' | 'lowIncomeUrbanMonthly' | 'lowIncomeRuralMonthly';
const MONEY: Figure[] = [
  'dibaoUrbanMonthly',
  'dibaoRuralMonthly',
  'tekunMonthly',
  'lowIncomeUrbanMonthly',
  'lowIncomeRuralMonthly',
];

/** A division's local standards, four years side by side, each marked as its own or inherited from above. */
export function StandardsPage() {
  const translate = useTranslate();
  const { working } = useWorkingJurisdiction();
  const years = yearsAround(Number(today().slice(0, 4)));
  const { canAccess: canEdit } = useCanAccess({ resource: 'standards', action: 'edit' });
  const { data, isPending, error } = useGetList<StandardYear>(
    'standards',
    { filter: { jurisdictionCode: working, years }, pagination: { page: 1, perPage: years.length } },
    { enabled: !!working },
  );
  const byYear = new Map((data ?? []).map((row) => [row.year, row]));
  const cell = (year: number, render: (row: StandardYear) => string | null) => {
    const row = byYear.get(year);
    return (row && render(row)) ?? '—';
  };
  return (
    <Box>
      <JurisdictionBar title="doudi.standards.title" />
      <Card>
        <CardContent>
          <Typography color="text.secondary" sx={{ mb: 2 }}>
            {translate('doudi.standards.intro')}
          </Typography>
          {error && <Alert severity="error">{(error as Error).message}</Alert>}
          {working && isPending ? (
            <Loading />
          ) : (
            <TableContainer>
              <Table size="small" aria-label={translate('doudi.standards.title')}>
                <TableHead>
                  <TableRow>
                    <TableCell component="th" scope="col">
                      {translate('doudi.standards.figure')}
                    </TableCell>
                    {years.map((year) => (
                      <TableCell key={year} component="th" scope="col" align="right" data-year={year}>
                        {translate('doudi.standards.year', { year })}
                      </TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {MONEY.slice(0, 3).map((figure) => (
                    <FigureRow
                      key={figure}
                      figure={figure}
                      years={years}
                      value={(y) => cell(y, (r) => yuan(r.standard?.[figure]))}
                    />
                  ))}
                  <FigureRow
                    figure="lowIncomeMultiplier"
                    years={years}
                    value={(y) => cell(y, (r) => r.standard?.lowIncomeMultiplier ?? null)}
                  />
                  {MONEY.slice(3).map((figure) => (
                    <FigureRow
                      key={figure}
                      figure={figure}
                      years={years}
                      value={(y) => cell(y, (r) => yuan(r.standard?.[figure]))}
                    />
                  ))}
                  <FigureRow
                    figure="publishedIn"
                    years={years}
                    value={(y) => cell(y, (r) => r.standard?.publishedIn ?? null)}
                  />
                  <FigureRow
                    figure="origin"
                    years={years}
                    value={(y) => cell(y, (r) => originText(translate, r.jurisdictionCode, r.standard?.publishedBy))}
                  />
                  {canEdit && working && (
                    <TableRow>
                      <TableCell />
                      {years.map((year) => {
                        const own = byYear.get(year)?.standard?.publishedBy.code === working;
                        return (
                          <TableCell key={year} align="right">
                            <Button
                              component={Link}
                              to={`/standards/${encodeURIComponent(`${working}:${year}`)}`}
                              label={translate(own ? 'doudi.standards.edit_own' : 'doudi.standards.set_own', { year })}
                              size="small"
                            >
                              <EditIcon />
                            </Button>
                          </TableCell>
                        );
                      })}
                    </TableRow>
                  )}
                </TableBody>
              </Table>
            </TableContainer>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}

function FigureRow(props: { figure: string; years: number[]; value: (year: number) => string }) {
  const translate = useTranslate();
  return (
    <TableRow data-figure={props.figure}>
      <TableCell component="th" scope="row">
        {translate(`doudi.standards.figures.${props.figure}`)}
      </TableCell>
      {props.years.map((year) => (
        <TableCell key={year} align="right" data-year={year}>
          {props.value(year)}
        </TableCell>
      ))}
    </TableRow>
  );
}
