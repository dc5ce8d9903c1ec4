import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { instant, yuan } from '../format';
import type { HouseholdRecord } from './data';

function Rows({ label, headers, rows }: { label: string; headers: string[]; rows: (string | null)[][] }) {
  const translate = useTranslate();
  if (!rows.length) return <Typography color="text.secondary">{translate('doudi.households.none')}</Typography>;
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          {headers.map((h) => (
            <TableCell key={h}>{h}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((cells, i) => (
          <TableRow key={i}>
            {cells.map((c, j) => (
              <TableCell key={j}>{c ?? '—'}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

const heads = (translate: (k: string) => string, section: string, keys: string[]) =>
  keys.map((k) => translate(`doudi.households.${section}.${k}`));

export function Incomes({ household }: { household: HouseholdRecord }) {
  const translate = useTranslate();
  return (
    <Rows
      label={translate('doudi.households.incomes.title')}
      headers={heads(translate, 'incomes', ['month', 'category', 'amount', 'source'])}
      rows={[...household.incomes]
        .reverse()
        .map((i) => [
          i.month,
          translate(`doudi.households.enums.IncomeCategory.${i.category}`),
          yuan(i.amount),
          i.source,
        ])}
    />
  );
}

export function Consents({ household }: { household: HouseholdRecord }) {
  const translate = useTranslate();
  return (
    <Rows
      label={translate('doudi.households.consents.title')}
      headers={heads(translate, 'consents', ['person', 'purpose', 'scope', 'givenAt', 'state'])}
      rows={household.consents.map((c) => [
        c.person?.name ?? null,
        translate(`doudi.households.enums.ConsentPurpose.${c.purpose}`),
        c.scope,
        instant(c.givenAt as string),
        c.withdrawnAt
          ? translate('doudi.households.consents.withdrawn', {
              at: instant(c.withdrawnAt as string),
              reason: c.withdrawnReason ?? '',
            })
          : translate('doudi.households.consents.standing'),
      ])}
    />
  );
}

/** Who saw a number in full and why (the audit log, through the API); absent for roles that may not reveal. */
export function Reveals({ household }: { household: HouseholdRecord }) {
  const translate = useTranslate();
  if (!household.reveals) return null;
  const nameOf = new Map(household.members.nodes.map((m) => [m.id, m.name]));
  return (
    <Rows
      label={translate('doudi.households.reveals.title')}
      headers={heads(translate, 'reveals', ['at', 'person', 'field', 'purpose', 'actor'])}
      rows={household.reveals.map((r) => [
        instant(r.at as string),
        nameOf.get(r.personId) ?? r.personId,
        translate(`doudi.households.reveal.fields.${r.field}`),
        r.purpose,
        r.actorId,
      ])}
    />
  );
}

/** Every recorded change, newest first; the API leaves out health changes for roles that may not read them. */
export function History({ household }: { household: HouseholdRecord }) {
  const translate = useTranslate();
  const nameOf = new Map(household.members.nodes.map((m) => [m.id, m.name]));
  const value = (json: string | null | undefined) => (json == null ? '—' : json.replace(/^"|"$/g, ''));
  return (
    <Rows
      label={translate('doudi.households.history.title')}
      headers={heads(translate, 'history', ['changedAt', 'subject', 'changes', 'source'])}
      rows={[...household.history]
        .reverse()
        .map((h) => [
          instant(h.changedAt as string),
          h.entityType === 'Person' ? (nameOf.get(h.entityId) ?? h.entityId) : translate('doudi.households.household'),
          h.changes
            .map(
              (c) =>
                `${translate(`doudi.households.history.fields.${c.field}`, { _: c.field })}: ${value(c.from)} → ${value(c.to)}`,
            )
            .join('；'),
          h.source,
        ])}
    />
  );
}
