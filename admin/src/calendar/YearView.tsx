import { Box, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { CalendarDay } from './data';
import { visuallyHidden } from '../visually-hidden';

type Mark = 'holiday' | 'makeup' | 'local_holiday' | 'local_working' | 'weekend' | 'plain';

const NATIONAL = new Set(['NATIONAL', 'NATIONAL_ENTERED']);

/** Colours with at least 4.5:1 contrast for their text (GB/T 37668 follows WCAG 2 AA). */
const STYLE: Record<Mark, { bgcolor?: string; color?: string; border?: string }> = {
  holiday: { bgcolor: '#fde2e1', color: '#8a1c14' },
  makeup: { bgcolor: '#dde8f8', color: '#163d7a' },
  local_holiday: { bgcolor: '#fff1cc', color: '#6b4700', border: '2px solid #6b4700' },
  local_working: { bgcolor: '#dcefdc', color: '#1d5a1d', border: '2px solid #1d5a1d' },
  weekend: { color: '#5f5f5f' },
  plain: {},
};

function markOf(special: CalendarDay | undefined, weekend: boolean): Mark {
  if (!special) return weekend ? 'weekend' : 'plain';
  const national = NATIONAL.has(special.source);
  if (special.kind === 'HOLIDAY') return national ? 'holiday' : 'local_holiday';
  return national ? 'makeup' : 'local_working';
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A year as twelve month grids, Monday first: national holidays and make-up working days, and the local days off
 * and working days of this division (or one above it), each day also described in words for screen readers.
 */
export function YearView({ year, days }: { year: number; days: CalendarDay[] }) {
  const translate = useTranslate();
  const special = new Map(days.map((d) => [d.date, d]));
  const weekdays = translate('doudi.calendar.weekdays').split(',');
  return (
    <>
      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', mb: 2 }} aria-hidden>
        {(['holiday', 'makeup', 'local_holiday', 'local_working', 'weekend'] as const).map((mark) => (
          <Stack key={mark} direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
            <Box
              sx={{ width: 16, height: 16, borderRadius: 0.5, ...STYLE[mark], bgcolor: STYLE[mark].bgcolor ?? '#eee' }}
            />
            <Typography variant="body2">{translate(`doudi.calendar.legend.${mark}`)}</Typography>
          </Stack>
        ))}
      </Stack>
      <Box
        sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 2 }}
        data-testid="year-view"
      >
        {Array.from({ length: 12 }, (_, index) => (
          <Month key={index} year={year} month={index + 1} special={special} weekdays={weekdays} />
        ))}
      </Box>
    </>
  );
}

function Month(props: { year: number; month: number; special: Map<string, CalendarDay>; weekdays: string[] }) {
  const translate = useTranslate();
  const { year, month } = props;
  const first = new Date(Date.UTC(year, month - 1, 1));
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const offset = (first.getUTCDay() + 6) % 7; // Monday = 0
  const cells: (number | null)[] = [...Array<null>(offset).fill(null), ...Array.from({ length }, (_, i) => i + 1)];
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
  return (
    <Box component="table" sx={{ borderCollapse: 'collapse', width: '100%', tableLayout: 'fixed' }}>
      <Typography component="caption" variant="subtitle2" sx={{ textAlign: 'left', pb: 0.5 }}>
        {translate('doudi.calendar.months', { month })}
      </Typography>
      <thead>
        <tr>
          {props.weekdays.map((day) => (
            <Box component="th" scope="col" key={day} sx={{ fontSize: 12, fontWeight: 500, color: '#5f5f5f' }}>
              {day}
            </Box>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week, w) => (
          <tr key={w}>
            {week.map((day, d) => {
              if (day === null) return <td key={d} />;
              const date = `${year}-${pad(month)}-${pad(day)}`;
              const info = props.special.get(date);
              const mark = markOf(info, d >= 5);
              const status = translate(
                (info?.kind ?? (d >= 5 ? 'HOLIDAY' : 'WORKING_DAY')) === 'HOLIDAY'
                  ? 'doudi.calendar.status_holiday'
                  : 'doudi.calendar.status_working',
              );
              return (
                <Box
                  component="td"
                  key={d}
                  data-date={date}
                  data-mark={mark}
                  title={info?.name ?? undefined}
                  sx={{ textAlign: 'center', fontSize: 13, py: 0.25, borderRadius: 1, ...STYLE[mark] }}
                >
                  <span aria-hidden>{day}</span>
                  <Box component="span" sx={visuallyHidden}>
                    {translate('doudi.calendar.day_label', { date, status })}
                    {info?.name ? `（${info.name}）` : ''}
                  </Box>
                </Box>
              );
            })}
          </tr>
        ))}
      </tbody>
    </Box>
  );
}
