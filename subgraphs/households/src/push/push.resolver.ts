import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DataPushConnection, DataPushUnmatchedRow, DataPushUnmatchedRowConnection } from './push.entity.js';
import {
  DataPushFactChange,
  DataPushListArgs,
  DataPushReport,
  DismissUnmatchedRowInput,
  PushDepartmentDataInput,
  RegisterUnmatchedRowInput,
  UnmatchedRowListArgs,
  UnmatchedRowPayload,
} from './push.inputs.js';
import { listDataPushes, pushDepartmentData } from './push.service.js';
import { dismissUnmatchedRow, listUnmatchedRows, registerUnmatchedRow } from './push.unmatched.js';
import { mayRead } from '../person/person.privacy.js';
import type { Context } from '../context.js';

@Resolver(() => DataPushUnmatchedRow)
export class DataPushResolver {
  @Mutation(() => DataPushReport, {
    description:
      'An office pushes a list into the registry (河鱼府发【2021】39号 二(四)): each row matched by the keyed hash of the ' +
      'ID number to a registered person within your reach; matched facts change with the office and the date of the ' +
      'data in the history; unmatched rows wait for the township. A dry run reports every row and writes nothing; ' +
      'otherwise the batch goes in whole or, if any row is INVALID, not at all. The same batch again (same key, or ' +
      'same kind, office, date and rows) answers the batch it was and changes nothing. Needs households:write.',
  })
  pushDepartmentData(
    @Arg('input', () => PushDepartmentDataInput) input: PushDepartmentDataInput,
    @Ctx() { em, principal, assertion, services }: Context,
  ) {
    return pushDepartmentData(
      { em, principal, assertion, vault: services.vault, organisations: services.organisations },
      input,
    );
  }

  @Query(() => DataPushConnection, { description: 'Batches pushed by offices within your jurisdiction, newest first.' })
  dataPushes(@Args(() => DataPushListArgs) args: DataPushListArgs, @Ctx() { em, principal }: Context) {
    return listDataPushes(em, principal, args);
  }

  @Query(() => DataPushUnmatchedRowConnection, {
    description:
      'Pushed rows that matched nobody registered, placed in your jurisdiction (default: those still PENDING), for the ' +
      'township to register or dismiss. Rows of health lists (disability, illness) only for households:read-sensitive.',
  })
  dataPushUnmatchedRows(
    @Args(() => UnmatchedRowListArgs) args: UnmatchedRowListArgs,
    @Ctx() { em, principal }: Context,
  ) {
    return listUnmatchedRows(em, principal, args);
  }

  @Mutation(() => UnmatchedRowPayload, {
    description:
      'Registers the person of a waiting row — an existing member with its ID number, or added now to a household or ' +
      'as the head of a new one (the ID number from the row, never retyped) — and applies its facts with the office ' +
      'and date of the push.',
  })
  async registerUnmatchedRow(
    @Arg('input', () => RegisterUnmatchedRowInput) input: RegisterUnmatchedRowInput,
    @Ctx() { em, principal, services }: Context,
  ) {
    return { row: await registerUnmatchedRow(em, principal, services.vault, input) };
  }

  @Mutation(() => UnmatchedRowPayload, { description: 'Dismisses a waiting row with the reason.' })
  async dismissUnmatchedRow(
    @Arg('input', () => DismissUnmatchedRowInput) input: DismissUnmatchedRowInput,
    @Ctx() { em, principal }: Context,
  ) {
    return { row: await dismissUnmatchedRow(em, principal, input) };
  }

  @FieldResolver(() => [DataPushFactChange], {
    description: "The row's values (health values only to those who may read health facts).",
  })
  values(@Root() row: DataPushUnmatchedRow, @Ctx() { principal }: Context): DataPushFactChange[] {
    const place = { jurisdictionCode: row.jurisdictionCode, residenceJurisdictionCode: null };
    return Object.entries(row.values)
      .filter(([field]) => mayRead(principal, place, field))
      .map(([field, value]) => ({ field, entityType: 'Row', to: JSON.stringify(value ?? null) }));
  }
}
