import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { jurisdictionRef, sliceToConnection } from '@doudi/shared';
import { ExportFile, ExportFormat } from '@doudi/shared/reporting/export';
import type { Context } from '../context.js';
import { optionalOrganisation, organisationRef } from '../organisation/organisation.ref.js';
import { ReportTable } from '../statistics/statistics.types.js';
import { maskRow, requireItems, resolveSubject } from './ledger.access.js';
import { ledgerExport } from './ledger.export.js';
import { CorrectLedgerInput, SubmitLedgerInput } from './ledger.inputs.js';
import { correctLedger, ledgerById, ledgerOf, revisionsOf, submitLedger, type LedgerView } from './ledger.service.js';
import { ledgerTable } from './ledger.table.js';
import {
  LedgerArgs,
  LedgerCountsType,
  LedgerItemArgs,
  LedgerItemConnection,
  LedgerOffice,
  LedgerPayload,
  LedgerRevisionInfo,
  LedgerType,
} from './ledger.types.js';

/** What the schema's Ledger fields read from a view. */
const shape = (view: LedgerView) => ({
  ...view,
  kind: view.subject.kind,
  organisation: optionalOrganisation(view.subject.organisationId),
  jurisdiction: jurisdictionRef(view.subject.jurisdictionCode),
});
type Shaped = ReturnType<typeof shape>;

@Resolver(() => LedgerType)
export class LedgerResolver {
  @Query(() => LedgerType, {
    description:
      'A monthly ledger (台账, 河鱼府发【2021】39号 二(四)): as submitted, or — before that — its items as they stand. ' +
      'OFFICE names organisationId (NOT_FOUND for an office unknown or outside your reach); TOWNSHIP and ' +
      'TOWNSHIP_SUMMARY name the township’s jurisdictionCode (FORBIDDEN outside your jurisdiction). BAD_USER_INPUT ' +
      'for a month that has not begun.',
  })
  async ledger(@Args(() => LedgerArgs) args: LedgerArgs, @Ctx() ctx: Context) {
    const subject = await resolveSubject(ctx, args.kind, args, '');
    return shape(await ledgerOf(ctx, subject, args.month));
  }

  @Query(() => LedgerType, { description: 'A submitted ledger by its id (NOT_FOUND when none within your reach).' })
  async ledgerById(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return shape(await ledgerById(ctx, id));
  }

  @Mutation(() => LedgerPayload, {
    description:
      'Submits a monthly ledger (河鱼府发【2021】39号 二(四)): an office to the civil-affairs office, the township to the ' +
      'county (备案) and its classified summary (归类汇总). Frozen once submitted; late when after its due date. A ' +
      'retry answers the same; a different second submission is a CONFLICT (correctLedger takes a reason).',
  })
  async submitLedger(@Arg('input', () => SubmitLedgerInput) input: SubmitLedgerInput, @Ctx() ctx: Context) {
    return { ledger: shape(await submitLedger(ctx, input)) };
  }

  @Mutation(() => LedgerPayload, {
    description: 'Corrects a submitted ledger: a new revision with who and why (更正); the earlier ones stay readable.',
  })
  async correctLedger(@Arg('input', () => CorrectLedgerInput) input: CorrectLedgerInput, @Ctx() ctx: Context) {
    return { ledger: shape(await correctLedger(ctx, input)) };
  }

  @FieldResolver(() => LedgerCountsType, {
    description: 'Exact counts (the office and those who oversee it; FORBIDDEN for reporting callers: read `table`).',
  })
  counts(@Root() view: Shaped, @Ctx() ctx: Context) {
    requireItems(ctx.principal, view.subject);
    return view.counts;
  }

  @FieldResolver(() => LedgerItemConnection, {
    description:
      'The items, in the order received (the office and those who oversee it). Health facts read as elsewhere: a ' +
      'MEDICAL_AID or MENTAL_HEALTH referral kind is null unless you may read sensitive facts.',
  })
  items(@Root() view: Shaped, @Args(() => LedgerItemArgs) args: LedgerItemArgs, @Ctx() ctx: Context) {
    requireItems(ctx.principal, view.subject);
    const rows = args.status ? view.rows.filter((r) => r.status === args.status) : view.rows;
    return sliceToConnection(
      rows.map((row) => ({
        ...maskRow(ctx.principal, row),
        organisation: organisationRef(row.organisationId),
        jurisdiction: jurisdictionRef(row.jurisdictionCode),
      })),
      args,
    );
  }

  @FieldResolver(() => [LedgerOffice], {
    description: 'TOWNSHIP, TOWNSHIP_SUMMARY: each office with items in the township, and whether it reported.',
  })
  offices(@Root() view: Shaped, @Ctx() ctx: Context) {
    requireItems(ctx.principal, view.subject);
    return view.offices.map((o) => ({ ...o, organisation: organisationRef(o.organisationId) }));
  }

  @FieldResolver(() => ReportTable, {
    description:
      'The items counted by STATUS (OPEN, CONCLUDED) — and by RESPONSIBLE_ORGANISATION for a township — with ' +
      '`households` behind each cell; small cells suppressed as in the statistics. What reporting callers read.',
  })
  table(@Root() view: Shaped) {
    return ledgerTable(view.subject.kind, view.rows);
  }

  @FieldResolver(() => [LedgerRevisionInfo], {
    description: 'Every submission, the first first: who, when, late or not, and why it was corrected.',
  })
  async revisions(@Root() view: Shaped, @Ctx() ctx: Context) {
    requireItems(ctx.principal, view.subject);
    if (view.version === 0) return [];
    return (await revisionsOf(ctx.em, view.id)).map((r) => ({
      ...r,
      submittedByOrganisation: optionalOrganisation(r.submittedByOrganisationId),
    }));
  }

  @FieldResolver(() => ExportFile, {
    description:
      'The ledger as a file: XLSX (title row naming the township or office and the month, Chinese headers, dates ' +
      'and numbers formatted) or CSV (UTF-8 with a byte-order mark). Items for those who may read them; the ' +
      'suppressed table for reporting callers.',
  })
  export(
    @Root() view: Shaped,
    @Arg('format', () => ExportFormat, { defaultValue: ExportFormat.XLSX }) format: ExportFormat,
    @Ctx() ctx: Context,
  ) {
    return ledgerExport(ctx, view, format);
  }
}
