import type { ReactNode } from 'react';
import { Card, CardContent, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';

/** A titled card on a page (its heading names the section for screen readers), with an action beside the title. */
export function Section(props: {
  id: string;
  title: ReactNode;
  action?: ReactNode;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <Card component="section" aria-labelledby={props.id} data-testid={props.testId}>
      <CardContent>
        <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1 }}>
          <Typography id={props.id} variant="h6" component="h2">
            {props.title}
          </Typography>
          {props.action}
        </Stack>
        {props.children}
      </CardContent>
    </Card>
  );
}

/** A column of a `RowsTable`: its heading and what a row shows in it. */
export type Column<Row> = readonly [heading: string, cell: (row: Row) => ReactNode];

/** A small read-only table: a heading row, then one row per item; `empty` stands for no items. */
export function RowsTable<Row extends { id: string }>(props: {
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  empty?: ReactNode;
  children?: ReactNode;
}) {
  if (!props.rows.length && !props.children && props.empty) return <>{props.empty}</>;
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          {props.columns.map(([heading]) => (
            <TableCell key={heading}>{heading}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {props.rows.map((row) => (
          <TableRow key={row.id}>
            {props.columns.map(([heading, cell]) => (
              <TableCell key={heading}>{cell(row)}</TableCell>
            ))}
          </TableRow>
        ))}
        {props.children}
      </TableBody>
    </Table>
  );
}
