import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requirePermission } from '@doudi/shared';
import type { CalendarDay as Day } from './working-days.js';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';
import { CalendarDayKind, CalendarOverride } from './calendar-override.entity.js';
import {
  AddCalendarOverrideInput,
  AddCalendarOverridePayload,
  AddWorkingDaysArgs,
  CalendarDay,
  CalendarDaysArgs,
  CalendarOverridesArgs,
  DeclareCalendarYearInput,
  DeclareCalendarYearPayload,
  JurisdictionWorkingDaysBetweenArgs,
  NationalSchedule,
  RemoveCalendarOverrideInput,
  RemoveCalendarOverridePayload,
  WorkingDayCount,
  WorkingDayResult,
  WorkingDaysBetweenArgs,
  WorkingDaysFromArgs,
} from './calendar.inputs.js';
import {
  addCalendarOverride,
  calendarEntries,
  declareCalendarYear,
  loadCalendar,
  nationalSchedule,
  removeCalendarOverride,
} from './calendar.service.js';
import type { Context } from '../context.js';

const toCalendarDay = (day: Day): CalendarDay => ({
  date: day.date,
  kind: day.kind as CalendarDayKind,
  weekend: day.weekend,
  source: day.source,
  name: day.name,
  scheduleComplete: day.scheduleComplete,
});

// Reading a calendar needs the directory permission every role holds, in any jurisdiction: a police unit
// counts the deadline of a letter it sends to the family's hukou county in that county's calendar.

@Resolver()
export class CalendarResolver {
  @Query(() => WorkingDayResult, {
    description:
      'The n-th working day after `from` in the jurisdiction’s calendar (`from` itself is not counted; 0 returns `from`).',
  })
  async addWorkingDays(
    @Args(() => AddWorkingDaysArgs) { jurisdictionCode, from, days, strict }: AddWorkingDaysArgs,
    @Ctx() { em, principal }: Context,
  ): Promise<WorkingDayResult> {
    requirePermission(principal, 'jurisdictions:read');
    return (await loadCalendar(em, jurisdictionCode)).addWorkingDays(from, days, { strict: strict ?? false });
  }

  @Query(() => WorkingDayCount, {
    description:
      'The working days after `from` up to and including `to` in the jurisdiction’s calendar; negative when `to` is earlier.',
  })
  async workingDaysBetween(
    @Args(() => JurisdictionWorkingDaysBetweenArgs)
    { jurisdictionCode, from, to, strict }: JurisdictionWorkingDaysBetweenArgs,
    @Ctx() { em, principal }: Context,
  ): Promise<WorkingDayCount> {
    requirePermission(principal, 'jurisdictions:read');
    return (await loadCalendar(em, jurisdictionCode)).workingDaysBetween(from, to, { strict: strict ?? false });
  }

  @Query(() => [CalendarDay], {
    description:
      'The days of a year that differ from the weekday rule in the jurisdiction’s calendar: weekdays off and weekend ' +
      'days at work, with where each rule comes from.',
  })
  async calendarDays(
    @Args(() => CalendarDaysArgs) { jurisdictionCode, year }: CalendarDaysArgs,
    @Ctx() { em, principal }: Context,
  ): Promise<CalendarDay[]> {
    requirePermission(principal, 'jurisdictions:read');
    return (await loadCalendar(em, jurisdictionCode)).specialDays(year).map(toCalendarDay);
  }

  @Query(() => [CalendarOverride], {
    description:
      'The entries typed in for a year: a jurisdiction’s overrides and those of the jurisdictions above it (by date, ' +
      'the top of the tree first), or without a jurisdiction the national entries. Lists entries that agree with ' +
      'the weekday rule too, which calendarDays leaves out.',
  })
  calendarOverrides(
    @Args(() => CalendarOverridesArgs) { jurisdictionCode, year }: CalendarOverridesArgs,
    @Ctx() { em, principal }: Context,
  ): Promise<CalendarOverride[]> {
    requirePermission(principal, 'jurisdictions:read');
    return calendarEntries(em, jurisdictionCode, year);
  }

  @Query(() => NationalSchedule, {
    description:
      'Whether the national holiday schedule of a year is known (shipped, or entered and declared complete by a ' +
      'SYSTEM_ADMIN); deadlines counted in a year that is not carry a warning.',
  })
  nationalSchedule(@Arg('year', () => Int) year: number, @Ctx() { em, principal }: Context): Promise<NationalSchedule> {
    requirePermission(principal, 'jurisdictions:read');
    return nationalSchedule(em, year);
  }

  @Mutation(() => AddCalendarOverridePayload, {
    description:
      'Marks a day as a holiday or a working day for a jurisdiction and everything below it; without a ' +
      'jurisdiction, enters a national day for a year the shipped schedule lacks (SYSTEM_ADMIN).',
  })
  async addCalendarOverride(
    @Arg('input', () => AddCalendarOverrideInput) input: AddCalendarOverrideInput,
    @Ctx() { em, principal }: Context,
  ): Promise<AddCalendarOverridePayload> {
    return { calendarOverride: await addCalendarOverride(em, principal, input) };
  }

  @Mutation(() => RemoveCalendarOverridePayload, {
    description: 'Removes an entry; the day falls back to the jurisdiction above, and finally to the national rule.',
  })
  async removeCalendarOverride(
    @Arg('input', () => RemoveCalendarOverrideInput) input: RemoveCalendarOverrideInput,
    @Ctx() { em, principal }: Context,
  ): Promise<RemoveCalendarOverridePayload> {
    return { calendarOverride: await removeCalendarOverride(em, principal, input) };
  }

  @Mutation(() => DeclareCalendarYearPayload, {
    description:
      'Declares the national entries of a year the shipped schedule lacks complete, so counts in it stop warning ' +
      '(SYSTEM_ADMIN).',
  })
  async declareCalendarYear(
    @Arg('input', () => DeclareCalendarYearInput) input: DeclareCalendarYearInput,
    @Ctx() { em, principal }: Context,
  ): Promise<DeclareCalendarYearPayload> {
    return { calendarYear: await declareCalendarYear(em, principal, input) };
  }
}

@Resolver(() => Jurisdiction)
export class JurisdictionCalendarResolver {
  @FieldResolver(() => WorkingDayResult, {
    description: 'The n-th working day after `from` in this jurisdiction’s calendar.',
  })
  async addWorkingDays(
    @Root() jurisdiction: Jurisdiction,
    @Args(() => WorkingDaysFromArgs) { from, days, strict }: WorkingDaysFromArgs,
    @Ctx() { loaders, principal }: Context,
  ): Promise<WorkingDayResult> {
    requirePermission(principal, 'jurisdictions:read');
    return (await loaders.calendar.load(jurisdiction.code)).addWorkingDays(from, days, { strict: strict ?? false });
  }

  @FieldResolver(() => WorkingDayCount, {
    description: 'The working days after `from` up to and including `to` in this jurisdiction’s calendar.',
  })
  async workingDaysBetween(
    @Root() jurisdiction: Jurisdiction,
    @Args(() => WorkingDaysBetweenArgs) { from, to, strict }: WorkingDaysBetweenArgs,
    @Ctx() { loaders, principal }: Context,
  ): Promise<WorkingDayCount> {
    requirePermission(principal, 'jurisdictions:read');
    return (await loaders.calendar.load(jurisdiction.code)).workingDaysBetween(from, to, { strict: strict ?? false });
  }
}
