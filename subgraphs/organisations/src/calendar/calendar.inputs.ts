import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar, type WorkingDayResult as WorkingDayAnswer } from '@doudi/shared';
import { CalendarDayKind, CalendarOverride, CalendarYear } from './calendar-override.entity.js';

@InputType()
export class AddCalendarOverrideInput {
  @Field(() => ID, {
    nullable: true,
    description:
      'The jurisdiction whose calendar changes (it reaches every division below). Omit for a national entry, ' +
      'which only a SYSTEM_ADMIN may make and only for a year the shipped national schedule does not know.',
  })
  jurisdictionCode?: string | null;

  @Field(() => DateScalar)
  date: string;

  @Field(() => CalendarDayKind)
  kind: CalendarDayKind;

  @Field(() => String, { description: 'Why (a local festival, the notice that set it …); required.' })
  reason: string;
}

@InputType()
export class RemoveCalendarOverrideInput {
  @Field(() => ID, { nullable: true, description: 'Omit to remove a national entry.' })
  jurisdictionCode?: string | null;

  @Field(() => DateScalar)
  date: string;
}

@InputType()
export class DeclareCalendarYearInput {
  @Field(() => Int, { description: 'A year the shipped national schedule does not know.' })
  year: number;
}

@ObjectType()
export class AddCalendarOverridePayload {
  @Field(() => CalendarOverride)
  calendarOverride: CalendarOverride;
}

@ObjectType()
export class RemoveCalendarOverridePayload {
  @Field(() => CalendarOverride, { description: 'The entry as it was before it was removed.' })
  calendarOverride: CalendarOverride;
}

@ObjectType()
export class DeclareCalendarYearPayload {
  @Field(() => CalendarYear)
  calendarYear: CalendarYear;
}

@ObjectType({ description: 'A deadline: the n-th working day after a date.' })
export class WorkingDayResult implements WorkingDayAnswer {
  @Field(() => DateScalar)
  date: string;

  @Field(() => Boolean, {
    description: 'False when a counted day lies in a year whose national holiday schedule is not known.',
  })
  scheduleComplete: boolean;

  @Field(() => [String], { description: 'Why the result may be wrong, e.g. a year without a published schedule.' })
  warnings: string[];
}

@ObjectType({ description: 'The working days after one date up to and including another.' })
export class WorkingDayCount {
  @Field(() => Int, { description: 'Negative when `to` lies before `from` (working days overdue).' })
  days: number;

  @Field(() => Boolean, {
    description: 'False when a counted day lies in a year whose national holiday schedule is not known.',
  })
  scheduleComplete: boolean;

  @Field(() => [String])
  warnings: string[];
}

@ObjectType({ description: 'A day whose status differs from the weekday rule: a weekday off or a weekend at work.' })
export class CalendarDay {
  @Field(() => DateScalar)
  date: string;

  @Field(() => CalendarDayKind)
  kind: CalendarDayKind;

  @Field(() => Boolean, { description: 'Saturday or Sunday.' })
  weekend: boolean;

  @Field(() => String, {
    description:
      'NATIONAL (the shipped State Council schedule), NATIONAL_ENTERED (entered by an administrator) or the ' +
      'code of the jurisdiction whose override decides the day.',
  })
  source: string;

  @Field(() => String, { nullable: true, description: 'The holiday (国庆节 …) or the reason given.' })
  name: string | null;

  @Field(() => Boolean, { description: 'False when the national schedule for this day is not known.' })
  scheduleComplete: boolean;
}

const STRICT = {
  nullable: true,
  defaultValue: false,
  description:
    'Fail with INVALID_STATE instead of warning when a counted day lies in a year without a known national schedule.',
};

// Arguments as classes: type-graphql lists separate @Arg parameters in reverse order.

@ArgsType()
export class WorkingDaysFromArgs {
  @Field(() => DateScalar, { description: 'The day the period starts (not itself counted), e.g. a letter’s arrival.' })
  from: string;

  @Field(() => Int, { description: `Working days to add, 0 or more (0 returns \`from\`).` })
  days: number;

  @Field(() => Boolean, STRICT)
  strict?: boolean;
}

@ArgsType()
export class WorkingDaysBetweenArgs {
  @Field(() => DateScalar)
  from: string;

  @Field(() => DateScalar)
  to: string;

  @Field(() => Boolean, STRICT)
  strict?: boolean;
}

@ArgsType()
export class AddWorkingDaysArgs {
  @Field(() => ID, { description: 'The jurisdiction whose calendar counts.' })
  jurisdictionCode: string;

  @Field(() => DateScalar, { description: 'The day the period starts (not itself counted), e.g. a letter’s arrival.' })
  from: string;

  @Field(() => Int, { description: `Working days to add, 0 or more (0 returns \`from\`).` })
  days: number;

  @Field(() => Boolean, STRICT)
  strict?: boolean;
}

@ArgsType()
export class JurisdictionWorkingDaysBetweenArgs {
  @Field(() => ID, { description: 'The jurisdiction whose calendar counts.' })
  jurisdictionCode: string;

  @Field(() => DateScalar)
  from: string;

  @Field(() => DateScalar)
  to: string;

  @Field(() => Boolean, STRICT)
  strict?: boolean;
}

@ArgsType()
export class CalendarDaysArgs {
  @Field(() => ID)
  jurisdictionCode: string;

  @Field(() => Int)
  year: number;
}

@ArgsType()
export class CalendarOverridesArgs {
  @Field(() => ID, {
    nullable: true,
    description: 'The jurisdiction: its own entries and those above it. Omit for the national entries.',
  })
  jurisdictionCode?: string | null;

  @Field(() => Int)
  year: number;
}

@ObjectType({
  description:
    'Whether a year’s national holiday schedule is known: shipped with the system, or entered by a SYSTEM_ADMIN ' +
    'and declared complete.',
})
export class NationalSchedule {
  @Field(() => Int)
  year: number;

  @Field(() => Boolean, { description: 'The State Council’s schedule of the year ships with the system.' })
  shipped: boolean;

  @Field(() => Date, { nullable: true, description: 'When a SYSTEM_ADMIN declared the entered schedule complete.' })
  declaredAt: Date | null;

  @Field(() => Boolean, { description: 'Shipped or declared complete: counts in the year carry no warning.' })
  complete: boolean;
}
