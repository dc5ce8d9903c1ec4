import { useMemo, useState } from 'react';
import {
  Box,
  Card,
  CardContent,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  ToggleButton,
  ToggleButtonGroup,
  Tooltip,
  Typography,
} from '@mui/material';
import { useTranslate } from 'react-admin';
import { EChart } from './EChart';
import type { ChartModel, Figure } from './model';
import { barOption, show, SUPPRESSED_GREY } from './options';

const HATCHED = `repeating-linear-gradient(45deg, ${SUPPRESSED_GREY}33 0 4px, transparent 4px 8px)`;

/**
 * One chart with its table view (the same model, so the same numbers): the chart for the eye, the table for a
 * screen reader or for copying figures. A withheld cell is hatched grey and worded in both.
 */
export function ChartCard({ id, title, model }: { id: string; title: string; model: ChartModel }) {
  const translate = useTranslate();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const suppressed = translate('doudi.dashboard.suppressed');
  const option = useMemo(() => barOption(model, suppressed), [model, suppressed]);
  const empty = model.categories.length === 0 || !model.series.some((s) => s.charted !== false);
  return (
    <Card component="section" aria-labelledby={`${id}-title`} data-chart={id}>
      <CardContent>
        <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
          <Typography id={`${id}-title`} variant="h6" component="h2" sx={{ flex: 1 }}>
            {title}
          </Typography>
          <ToggleButtonGroup
            size="small"
            exclusive
            value={view}
            onChange={(_, next: 'chart' | 'table' | null) => next && setView(next)}
            aria-label={translate('doudi.dashboard.view_of', { title })}
          >
            <ToggleButton value="chart">{translate('doudi.dashboard.view_chart')}</ToggleButton>
            <ToggleButton value="table">{translate('doudi.dashboard.view_table')}</ToggleButton>
          </ToggleButtonGroup>
        </Stack>
        {empty ? (
          <Typography color="text.secondary">
            {/* Nothing drawn may still be something withheld: then it says so rather than "no figures". */}
            {translate(
              model.totals?.some((f) => f.suppressed) ? 'doudi.dashboard.suppressed' : 'doudi.dashboard.nothing',
            )}
          </Typography>
        ) : view === 'chart' ? (
          <EChart option={option} label={translate('doudi.dashboard.chart_label', { title })} />
        ) : (
          <Box sx={{ overflowX: 'auto' }}>
            <Table size="small" aria-labelledby={`${id}-title`}>
              <TableHead>
                <TableRow>
                  <TableCell />
                  {model.series.map((s) => (
                    <TableCell key={s.key} align="right">
                      {s.name}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {model.categories.map((category, i) => (
                  <TableRow key={category.key} data-row={category.key}>
                    <TableCell component="th" scope="row">
                      {category.name}
                    </TableCell>
                    {model.series.map((s) => (
                      <FigureCell
                        key={s.key}
                        series={s.key}
                        figure={s.figures[i]!}
                        text={show(s.figures[i]!, s.unit, suppressed)}
                        suppressed={suppressed}
                      />
                    ))}
                  </TableRow>
                ))}
                {model.totals && (
                  <TableRow data-row="total" sx={{ '& > *': { fontWeight: 600 } }}>
                    <TableCell component="th" scope="row">
                      {translate('doudi.dashboard.total')}
                    </TableCell>
                    {model.series.map((s, i) => (
                      <FigureCell
                        key={s.key}
                        series={s.key}
                        figure={model.totals![i]!}
                        text={show(model.totals![i]!, s.unit, suppressed)}
                        suppressed={suppressed}
                      />
                    ))}
                  </TableRow>
                )}
              </TableBody>
            </Table>
          </Box>
        )}
      </CardContent>
    </Card>
  );
}

/** One figure of the table view; a withheld one hatched grey, worded in the cell and in its tooltip. */
function FigureCell(props: { series: string; figure: Figure; text: string; suppressed: string }) {
  const { figure, text } = props;
  return (
    <TableCell
      align="right"
      data-series={props.series}
      data-suppressed={figure.suppressed || undefined}
      sx={figure.suppressed ? { background: HATCHED, color: 'text.secondary' } : undefined}
    >
      {figure.suppressed ? (
        <Tooltip title={props.suppressed}>
          <span>{text}</span>
        </Tooltip>
      ) : (
        text
      )}
    </TableCell>
  );
}
