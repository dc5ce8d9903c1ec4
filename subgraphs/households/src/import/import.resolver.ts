import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { ImportHouseholdsInput, ImportReport } from './import.inputs.js';
import { importHouseholds } from './import.service.js';
import type { Context } from '../context.js';

@Resolver()
export class ImportResolver {
  @Mutation(() => ImportReport, {
    description:
      'Imports a household list (CSV or XLSX) with the rules of createHousehold for every row. A dry run reports ' +
      'every problem and writes nothing; otherwise the whole file is written in one transaction, or nothing if ' +
      'any row has a problem.',
  })
  importHouseholds(
    @Arg('input', () => ImportHouseholdsInput) input: ImportHouseholdsInput,
    @Ctx() { em, principal, assertion, services }: Context,
  ) {
    return importHouseholds(
      { em, principal, assertion, vault: services.vault, organisations: services.organisations },
      input,
    );
  }
}
