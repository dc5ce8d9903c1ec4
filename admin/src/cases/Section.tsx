import type { ReactNode } from 'react';
import { Card, CardContent, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

/** A titled card of the case page; the title is a heading, so a screen reader can jump between sections. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  const translate = useTranslate();
  return (
    <Card sx={{ mt: 2 }}>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {translate(title)}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

/** A plain table with column headers; `empty` says what an empty one means instead of showing nothing. */
export function SimpleTable({
  columns,
  rows,
  empty,
  label,
}: {
  columns: string[];
  rows: { key: string; cells: ReactNode[]; data?: Record<string, string> }[];
  empty: string;
  label: string;
}) {
  const translate = useTranslate();
  if (!rows.length) return <Typography color="text.secondary">{translate(empty)}</Typography>;
  return (
    <Table size="small" aria-label={translate(label)}>
      <TableHead>
        <TableRow>
          {columns.map((c) => (
            // Short Chinese headers (答复, 状态) over long cells were squeezed to one character a line.
            <TableCell key={c} component="th" scope="col" sx={{ whiteSpace: 'nowrap' }}>
              {translate(c)}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.key} {...row.data}>
            {row.cells.map((cell, i) => (
              <TableCell key={i}>{cell}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
