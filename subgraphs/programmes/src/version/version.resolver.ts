import { Arg, Ctx, Field, FieldResolver, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { assertDate, DateScalar, requirePermission, shanghaiDate } from '@doudi/shared';
import { Programme } from '../programme/programme.entity.js';
import { ProgrammeVersion } from './programme-version.entity.js';
import { ProgrammeSetting } from './programme-settings.js';
import { ProgrammeSettingsView, settingsView } from './settings-view.js';
import { PublishProgrammeVersionInput, PublishProgrammeVersionPayload } from './version.inputs.js';
import { publishProgrammeVersion } from './version.service.js';
import { configurationOn, type EffectiveConfiguration, type SettingSource } from './configuration.js';
import { configurationSource } from './configuration-source.js';
import type { Context } from '../context.js';

@ObjectType({ description: 'Where one setting in force comes from.' })
class SettingOrigin {
  @Field(() => ProgrammeSetting)
  setting: ProgrammeSetting;

  @Field(() => Programme, { description: 'The programme or template whose version sets it.' })
  programme: Programme;

  @Field(() => Int)
  versionNumber: number;

  @Field(() => DateScalar)
  effectiveFrom: string;

  @Field(() => Programme, { nullable: true, description: 'The template that locks it, if one does.' })
  lockedBy: Programme | null;
}

@ObjectType({ description: 'The configuration decisions on a date follow, with its templates merged in.' })
class ProgrammeConfiguration {
  @Field(() => DateScalar)
  date: string;

  @Field(() => ProgrammeVersion, { nullable: true, description: 'The programme’s own version in force.' })
  version: ProgrammeVersion | null;

  @Field(() => ProgrammeSettingsView)
  settings: ProgrammeSettingsView;

  @Field(() => [SettingOrigin])
  origins: SettingOrigin[];
}

@Resolver(() => ProgrammeVersion)
export class ProgrammeVersionResolver {
  @Mutation(() => PublishProgrammeVersionPayload, {
    description:
      'Publishes the next version of a programme’s configuration, in force from its date. Settings a template locks are refused.',
  })
  async publishProgrammeVersion(
    @Arg('input', () => PublishProgrammeVersionInput) input: PublishProgrammeVersionInput,
    @Ctx() { em, principal }: Context,
  ) {
    return { version: await publishProgrammeVersion(em, principal, input) };
  }

  @FieldResolver(() => ProgrammeSettingsView, { description: 'What this version sets itself.' })
  settings(@Root() version: ProgrammeVersion) {
    return settingsView(version.settings);
  }
}

@Resolver(() => Programme)
export class ProgrammeConfigurationResolver {
  @FieldResolver(() => [ProgrammeVersion], { description: 'Every published version, oldest first.' })
  versions(@Root() programme: Programme, @Ctx() { loaders }: Context) {
    return loaders.versionsByProgramme.load(programme.id);
  }

  @FieldResolver(() => Programme, { nullable: true, description: 'The template it inherits from.' })
  template(@Root() programme: Programme, @Ctx() { loaders }: Context) {
    return programme.templateId ? loaders.programme.load(programme.templateId) : null;
  }

  @FieldResolver(() => ProgrammeConfiguration, {
    nullable: true,
    description: 'The configuration in force on a date (today by default); null before the first version.',
  })
  async configuration(
    @Root() programme: Programme,
    @Arg('on', () => DateScalar, { nullable: true }) on: string | undefined,
    @Ctx() { loaders, principal }: Context,
  ) {
    requirePermission(principal, 'programmes:read');
    const date = on ?? shanghaiDate();
    assertDate('on', date);
    const config = await configurationOn(configurationSource(loaders), programme, date);
    return config && configurationView(config, loaders);
  }
}

async function configurationView(config: EffectiveConfiguration, loaders: Context['loaders']) {
  const origin = async (s: SettingSource) => ({
    setting: s.setting,
    programme: await loaders.programme.load(s.programmeId),
    versionNumber: s.versionNumber,
    effectiveFrom: s.effectiveFrom,
    lockedBy: s.lockedById ? await loaders.programme.load(s.lockedById) : null,
  });
  return {
    date: config.date,
    version: config.version,
    settings: settingsView(config.settings),
    origins: await Promise.all(config.sources.map(origin)),
  };
}
