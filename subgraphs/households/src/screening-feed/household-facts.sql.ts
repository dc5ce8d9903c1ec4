import { codePrefix } from '@doudi/shared';

/** The first month of the twelve that end the month before `date` (YYYY-MM-DD): incomes are averaged over them. */
export function incomeWindow(date: string): { from: string; to: string } {
  const [year, month] = date.slice(0, 7).split('-').map(Number);
  const index = (n: number) => `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
  const last = year * 12 + (month - 1) - 1;
  return { from: index(last - 11), to: index(last) };
}

/**
 * One statement for the whole feed: every household in force on the date whose hukou place or residence lies in the
 * subtree, each as one JSON text (HouseholdFactsLine), ordered by id. PostgreSQL builds the JSON, the route only
 * forwards it. Members are those present on the date: one who died or left on it or before (recordMemberExit)
 * neither counts in the per-capita income nor is screened. The average income is computed as income.service.ts computes averagePerCapitaMonthlyIncome
 * (months without a record left out, rounded down to the fen once), so a rule reads the figure the household's
 * page shows. Also what the screening benchmark reads with COPY, side by side with a screening.
 */
export function householdFactsQuery(
  jurisdictionCode: string,
  date: string,
  householdIds?: readonly string[],
): { sql: string; bindings: unknown[] } {
  const prefix = codePrefix(jurisdictionCode);
  const [low, high] = [prefix.padEnd(12, '0'), prefix.padEnd(12, '9')];
  const { from, to } = incomeWindow(date);
  const sql = `
    select json_build_object(
      'id', h.id,
      'hukouCode', h.jurisdiction_code,
      'residenceCode', coalesce(h.residence_jurisdiction_code, h.jurisdiction_code),
      'hukouType', h.hukou_type,
      'povertyMonitoring', h.poverty_monitoring_status,
      'incomeFen', case when inc.months > 0 and m.n > 0 then floor(inc.total / (inc.months * m.n)) end,
      'assetsFen', coalesce(a.total, 0),
      'ableObligor', coalesce(o.able, false),
      'disasterOn', h.disaster_date,
      'members', coalesce(m.list, '[]'::json))::text as line
    from household h
    left join lateral (
      select count(*) as n, json_agg(json_build_object(
        'birthDate', p.birth_date, 'sex', p.sex, 'relationship', p.relationship_to_head, 'orphan', p.orphan,
        'unattendedChild', p.unattended_child, 'schooling', p.schooling_stage, 'employment', p.employment_status,
        'workAbility', p.work_ability, 'veteran', p.veteran_status, 'disabled', p.has_disability_certificate,
        'disabilityGrade', p.disability_grade, 'disabilityCategory', p.disability_category,
        'seriousIllness', p.serious_illness, 'chronicIllness', p.chronic_illness) order by p.id) as list
      from person p where p.household_id = h.id and (p.exited_on is null or p.exited_on > ?::date)) m on true
    left join lateral (
      select sum(i.amount_fen) as total, count(distinct i.month) as months
      from household_income i where i.household_id = h.id and i.month between ? and ?) inc on true
    left join lateral (select sum(s.value_fen) as total from household_asset s where s.household_id = h.id) a on true
    left join lateral (select bool_or(o.able_to_support) as able from support_obligor o where o.household_id = h.id) o on true
    where (h.jurisdiction_code between ? and ? or h.residence_jurisdiction_code between ? and ?)
      and h.created_at < ((?::date + 1)::timestamp at time zone 'Asia/Shanghai')
      ${householdIds ? 'and h.id = any(?::uuid[])' : ''}
    order by h.id`;
  const bindings: unknown[] = [date, from, to, low, high, low, high, date];
  if (householdIds) bindings.push(householdIds);
  return { sql, bindings };
}
