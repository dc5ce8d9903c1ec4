import { addCalendarDays, addCalendarMonths, ageOn } from '@doudi/shared';
import { createWorkingDayCalendar } from '../../subgraphs/organisations/src/calendar/working-days.js';
import type { City, CountyUnitKind } from './city.js';
import type { PlannedHousehold } from './household.js';
import type { ProgrammePlan } from './programmes.js';
import { Random } from './random.js';
import { v7 as uuidv7 } from 'uuid';

/** Rows by entity, each an object of the entity's own properties (writer.ts makes the entity and its row). */
export type Row = Record<string, unknown>;
export interface Story {
  cases: Row[];
  referrals: Row[];
  tasks: Row[];
  events: Row[];
  visits: Row[];
  followUps: Row[];
  notices: Row[];
  benefits: Row[];
  reliefs: Row[];
  processedEvents: Row[];
  /** The households that gave PUBLICITY consent (a public notice needs it, 襄政办发〔2023〕26号 八(五)). */
  publicityConsent: boolean;
}

const calendar = createWorkingDayCalendar();
const workingDaysCache = new Map<string, string>();
/** The n-th working day after `from`, by the national calendar the organisations subgraph ships (no local overrides). */
export function addWorkingDays(from: string, n: number): string {
  const key = `${from}+${n}`;
  let date = workingDaysCache.get(key);
  if (!date) {
    date = calendar.addWorkingDays(from, n).date;
    if (workingDaysCache.size > 200_000) workingDaysCache.clear();
    workingDaysCache.set(key, date);
  }
  return date;
}

const STAGES: Record<string, string[]> = {
  NON_NATURAL_DEATH: ['LETTER_RECEIVED', 'VISITED', 'REPORTED', 'REFERRED', 'CLOSED'],
  JUDICIAL_ASSISTANCE: ['INVESTIGATING', 'INVESTIGATION_CONCLUDED', 'REFERRED', 'CLOSED'],
  WINDOW_APPLICATION: ['REGISTERED', 'TRANSFERRED', 'CONCLUDED', 'CLOSED'],
  HOTLINE: ['REGISTERED', 'TRANSFERRED', 'CONCLUDED', 'CLOSED'],
  VILLAGE_DISCOVERY: ['LEAD', 'ASSIGNED', 'VISITED', 'IN_REVIEW', 'IN_NOTICE', 'DECIDED', 'CLOSED'],
  DATA_COMPARISON: ['LEAD', 'ASSIGNED', 'VISITED', 'IN_REVIEW', 'IN_NOTICE', 'DECIDED', 'CLOSED'],
};

const SUMMARIES: Record<string, string[]> = {
  NON_NATURAL_DEATH: [
    '非正常死亡案件：家庭主要劳动力死亡',
    '交通事故死亡，遗留未成年子女',
    '溺水死亡，家庭失去经济来源',
  ],
  JUDICIAL_ASSISTANCE: ['刑事案件被害人家庭，因案致贫', '被害人重伤，无法获得赔偿', '因案返贫风险家庭'],
  WINDOW_APPLICATION: ['申请临时救助：突发重病', '申请低保：家庭收入低于标准', '因灾房屋受损申请救助'],
  HOTLINE: ['热线求助：医疗费用负担过重', '热线反映：独居老人生活困难', '热线求助：子女上学困难'],
  VILLAGE_DISCOVERY: ['村级走访发现：独居老人，慢性病', '学校发现：学生家庭困难', '医院发现：住院费用无力承担'],
  DATA_COMPARISON: ['数据比对：失业人员家庭收入下降', '数据比对：重病患者医疗支出大', '数据比对：残疾人家庭无稳定收入'],
};

const DECLINE_JUDICIAL = [
  'CAUSED_BY_OWN_FAULT',
  'REFUSES_TO_COOPERATE',
  'FALSE_INFORMATION',
  'WAIVED_COMPENSATION',
  'HARDSHIP_NOT_CAUSED_BY_CASE',
  'ALREADY_ASSISTED',
];
const DECLINE_GENERAL = ['NOT_OUR_RESPONSIBILITY', 'NOT_ELIGIBLE', 'ALREADY_ASSISTED', 'OTHER'];

/** Noon in Shanghai of a date, as an instant. */
const at = (date: string, hour = 10) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);
const minDate = (a: string, b: string) => (a < b ? a : b);

/**
 * What happened to one household: its cases, in every channel and at every stage their age allows (a case opened
 * two years ago is mostly closed, one opened last week is at its first step), with the tasks, timeline, visits,
 * referrals (answered on time, late, declined with the regulation's reasons, forwarded), notices and follow-ups the
 * cases subgraph would hold; and the relief granted by the programmes, monthly for dibao and tekun households and
 * once for what a case decided, with the copy of each case's relief that cases keeps from programmes' events.
 */
export function planStory(
  city: City,
  seed: string,
  household: PlannedHousehold,
  householdId: string,
  personIds: string[],
  asOf: string,
  programmes: ProgrammePlan,
): Story {
  const random = new Random(seed, 'story', household.index);
  const story: Story = {
    cases: [],
    referrals: [],
    tasks: [],
    events: [],
    visits: [],
    followUps: [],
    notices: [],
    benefits: [],
    reliefs: [],
    processedEvents: [],
    publicityConsent: false,
  };
  const newId = (date: string) => uuidv7({ msecs: at(date, random.int(8, 17)).getTime(), random: random.bytes() });
  const village = household.village;
  const county = city.counties[village.county];
  const township = city.townships[village.township];
  const unit = (kind: CountyUnitKind) => county.units[kind];
  const countyProgrammes = programmes.byCounty[village.county];
  const rural = household.hukouType === 'RURAL';
  const { hardship } = household;
  const inHardship = hardship.dibao || hardship.tekun || hardship.expenditure || hardship.lowIncome;
  const caseCount = inHardship ? 1 + (random.chance(0.5) ? 1 : 0) : random.chance(0.55) ? 1 : 0;

  const benefit = (values: {
    kind: string;
    grantedOn: string;
    amountFen: number;
    personIndex?: number | null;
    status: string;
    periodStart?: string | null;
    periodEnd?: string | null;
    caseId?: string | null;
    referralId?: string | null;
  }) => {
    const programme = countyProgrammes[values.kind];
    if (!programme) return null;
    const tier = programme.settings.approval!.tiers.find((t) => t.upToFen === null || values.amountFen <= t.upToFen)!;
    const decided = values.status !== 'PROPOSED';
    const noticeDays = programme.settings.publicNoticeDays ?? 0;
    const decidedOn = decided ? addWorkingDays(values.grantedOn, random.int(1, 8)) : null;
    const noticeEndsOn = decidedOn && noticeDays ? addCalendarDays(decidedOn, noticeDays) : null;
    const activeFrom = ['ACTIVE', 'ENDED'].includes(values.status)
      ? minDate(asOf, noticeEndsOn ? addCalendarDays(noticeEndsOn, 1) : decidedOn!)
      : null;
    const relation = random.chance(0.008) ? random.pick(['STAFF_MEMBER', 'CLOSE_RELATIVE']) : 'NONE';
    const row: Row = {
      id: newId(values.grantedOn),
      programmeId: programme.id,
      householdId,
      jurisdictionCode: village.code,
      personId: values.personIndex === undefined || values.personIndex === null ? null : personIds[values.personIndex],
      amountFen: values.amountFen,
      amountSource: programme.settings.amount?.fixedFen ? 'FIXED' : 'ENTERED',
      grantedOn: values.grantedOn,
      periodStart: values.periodStart ?? null,
      periodEnd: values.periodEnd ?? null,
      year: Number(values.grantedOn.slice(0, 4)),
      status: values.status,
      settings: programme.settings,
      versionNumber: 1,
      approvalLevel: tier.level,
      collectiveReviewRequired: tier.collectiveReview,
      staffRelation: relation,
      decidedOn: values.status === 'PROPOSED' ? null : decidedOn,
      decisionNote: values.status === 'REJECTED' ? '经审核不符合救助条件' : null,
      collectiveReviewOn: tier.collectiveReview && decidedOn ? addCalendarDays(decidedOn, -1) : null,
      collectiveReviewReference:
        tier.collectiveReview && decidedOn ? `会审〔${decidedOn.slice(0, 4)}〕${random.int(1, 99)}号` : null,
      noticeEndsOn: values.status === 'REJECTED' ? null : noticeEndsOn,
      activeFrom,
      endedOn: values.status === 'ENDED' ? minDate(asOf, values.periodEnd ?? addCalendarDays(activeFrom!, 30)) : null,
      endReason: values.status === 'ENDED' ? (values.periodEnd ? '救助期满' : '一次性救助已发放') : null,
      caseId: values.caseId ?? null,
      referralId: values.referralId ?? null,
      createdAt: at(values.grantedOn),
      updatedAt: at(decidedOn ?? values.grantedOn),
    };
    story.benefits.push(row);
    // Cases keeps a copy of the relief granted for a case, as programmes' last event about it told it
    // (relief.events.ts: approved or under notice → APPROVED, activated, ended, rejected).
    const relief = {
      APPROVED: 'APPROVED',
      IN_NOTICE: 'APPROVED',
      ACTIVE: 'ACTIVE',
      ENDED: 'ENDED',
      REJECTED: 'REJECTED',
    }[values.status];
    if (values.caseId && relief) {
      const eventId = newId(values.grantedOn);
      const changedOn = (row.endedOn ?? row.activeFrom ?? row.decidedOn ?? values.grantedOn) as string;
      story.reliefs.push({
        benefitId: row.id,
        caseId: values.caseId,
        programmeId: programme.id,
        programmeName: programme.name,
        amountFen: values.amountFen,
        status: relief,
        lastEventId: eventId,
        updatedAt: at(changedOn, 15),
      });
      story.processedEvents.push({
        eventId,
        type: `benefit.${{ APPROVED: 'approved', ACTIVE: 'activated', ENDED: 'ended', REJECTED: 'rejected' }[relief]}`,
        processedAt: at(changedOn, 15),
      });
    }
    return row;
  };

  // Monthly relief of dibao and tekun households (临社救办发〔2015〕3号 二(一)、二(二)): the last months' payments.
  const lineFen = household.perCapitaFen;
  const size = household.members.length;
  if (hardship.dibao || hardship.tekun) {
    const kind = hardship.tekun ? 'TEKUN' : 'DIBAO';
    const months = random.int(3, 14);
    const gap = hardship.tekun
      ? programmes.standard.tekunFen
      : Math.max(
          5_000,
          Math.round((((rural ? programmes.standard.ruralFen : programmes.standard.urbanFen) - lineFen) * size) / 100) *
            100,
        );
    for (let m = months - 1; m >= 0; m--) {
      const start = `${addCalendarMonths(`${asOf.slice(0, 7)}-01`, -m)}`;
      const end = addCalendarDays(addCalendarMonths(start, 1), -1);
      benefit({
        kind,
        grantedOn: addCalendarDays(start, 4),
        amountFen: gap,
        personIndex: hardship.tekun ? 0 : null,
        status: m === 0 ? 'ACTIVE' : 'ENDED',
        periodStart: start,
        periodEnd: end,
      });
    }
  }
  // Relapse-prevention support of monitored households (河鱼府发【2021】39号 一), quarterly.
  if (household.povertyMonitoringStatus !== 'NONE') {
    for (let q = random.int(1, 4); q > 0; q--) {
      const grantedOn = addCalendarDays(asOf, -random.int(5, 700));
      benefit({
        kind: 'RELAPSE_PREVENTION',
        grantedOn,
        amountFen: random.int(5, 30) * 10_000,
        status: random.chance(0.9) ? 'ENDED' : 'ACTIVE',
      });
    }
  }
  household.members.forEach((member, index) => {
    const age = ageOn(member.birthDate, asOf);
    // Education aid by school stage for children of families in hardship (临社救办发〔2015〕3号 二(五)).
    if (inHardship && age >= 6 && age < 22 && member.facts.schoolingStage !== 'FINISHED' && random.chance(0.6)) {
      const grantedOn = addCalendarDays(asOf, -random.int(10, 600));
      benefit({
        kind: 'EDUCATION',
        grantedOn,
        amountFen: random.pick([50_000, 100_000, 150_000, 200_000]),
        personIndex: index,
        status: 'ENDED',
      });
    }
    // Medical aid: at least 60 % of the in-policy out-of-pocket cost (临社救办发〔2015〕3号 二(四)).
    if ((member.facts.seriousIllness && random.chance(0.8)) || (member.facts.chronicIllness && random.chance(0.15))) {
      for (let n = random.int(1, 3); n > 0; n--) {
        const grantedOn = addCalendarDays(asOf, -random.int(3, 700));
        benefit({
          kind: 'MEDICAL',
          grantedOn,
          amountFen: Math.round(random.int(200, 20_000) * 0.6) * 100,
          personIndex: index,
          status: random.weighted({ ENDED: 80, ACTIVE: 8, PROPOSED: 4, APPROVED: 4, REJECTED: 4 }),
        });
      }
    }
    if (member.facts.disabilityCategory && age <= 15 && random.chance(0.7)) {
      const grantedOn = addCalendarDays(asOf, -random.int(10, 500));
      benefit({
        kind: 'DISABLED_CHILD_REHABILITATION',
        grantedOn,
        amountFen: 1_200_000,
        personIndex: index,
        status: 'ACTIVE',
      });
    }
  });
  // Disaster relief: the villages of one township in each county were hit by a flood last summer.
  if (village.township % 7 === 3 && random.chance(0.4)) {
    const grantedOn = addCalendarDays(`${Number(asOf.slice(0, 4)) - 1}-08-01`, random.int(0, 40));
    benefit({ kind: 'DISASTER_RELIEF', grantedOn, amountFen: random.int(10, 60) * 10_000, status: 'ENDED' });
  }

  for (let c = 0; c < caseCount; c++) {
    const channel = random.weighted({
      NON_NATURAL_DEATH: 9,
      JUDICIAL_ASSISTANCE: 7,
      WINDOW_APPLICATION: 32,
      HOTLINE: 12,
      VILLAGE_DISCOVERY: 24,
      DATA_COMPARISON: 16,
    });
    const receivedOn = addCalendarDays(asOf, -Math.floor(Math.pow(random.next(), 1.3) * 730));
    const ageDays = Math.round((Date.parse(asOf) - Date.parse(receivedOn)) / 86_400_000);
    const stages = STAGES[channel];
    // How far the case got: old cases are mostly closed, recent ones are at an early step.
    const reach = Math.min(stages.length - 1, Math.floor((ageDays / 25 + random.next() * 2) * (0.5 + random.next())));
    const stage = ageDays > 120 && random.chance(0.8) ? 'CLOSED' : stages[reach];
    const stageIndex = stages.indexOf(stage);
    const passed = (s: string) => stages.indexOf(s) <= stageIndex && stages.includes(s);
    const lead =
      channel === 'NON_NATURAL_DEATH'
        ? unit('PUBLIC_SECURITY')
        : channel === 'JUDICIAL_ASSISTANCE'
          ? unit('PROCURATORATE')
          : township.governmentId;
    const caseId = newId(receivedOn);
    const open = stage !== 'CLOSED';
    const openedAt = at(receivedOn, random.int(8, 17));
    const events: [string, string, string | null, string | null][] = []; // kind, on, organisation, referral
    const event = (kind: string, on: string, organisationId: string | null = lead, referralId: string | null = null) =>
      events.push([kind, on, organisationId, referralId]);
    const task = (
      kind: string,
      dueRule: string | null,
      dueDate: string | null,
      completedOn: string | null,
      organisationId = lead,
    ) =>
      story.tasks.push({
        id: newId(receivedOn),
        caseId,
        kind,
        status: completedOn ? 'DONE' : open ? 'OPEN' : 'CANCELLED',
        organisationId,
        dueDate,
        dueRule,
        completedOn: completedOn ?? null,
        createdAt: openedAt,
      });
    event('CASE_OPENED', receivedOn);

    let day = receivedOn;
    const step = (min: number, max: number) => (day = minDate(asOf, addWorkingDays(day, random.int(min, max))));
    const referralsToSend: { to: string; kind: string; toKind: string }[] = [];
    const addReferral = (to: CountyUnitKind, kind: string) => referralsToSend.push({ to: unit(to), kind, toKind: to });
    if (rural) addReferral('AGRICULTURE_RURAL', 'RURAL_SUPPORT');
    addReferral('CIVIL_AFFAIRS', 'SOCIAL_ASSISTANCE');
    if (household.members.some((m) => ageOn(m.birthDate, asOf) < 18)) addReferral('EDUCATION', 'EDUCATION_AID');
    if (household.members.some((m) => m.facts.seriousIllness)) addReferral('MEDICAL_SECURITY', 'MEDICAL_AID');
    if (random.chance(0.3)) addReferral('HUMAN_RESOURCES_SOCIAL_SECURITY', 'EMPLOYMENT_AID');

    let referralRule: string = 'WINDOW_CONCLUDE';
    let referralsSent = false;
    let sentOn = receivedOn;
    const values: Row = {
      id: caseId,
      householdId,
      channel,
      status: open ? 'OPEN' : 'CLOSED',
      stage,
      summary: random.pick(SUMMARIES[channel]),
      leadOrganisationId: lead,
      jurisdictionCode: village.code,
      householdJurisdictionCode: village.code,
      residenceJurisdictionCode: household.residenceCode,
      responsiblePerson: `${random.pick([...'王李张刘陈杨赵'])}${random.pick(['主任', '所长', '干事', '科长'])}`,
      priorityGroups: [],
      derivedPriorityGroups: [],
      sensitivePriorityGroups: [],
      greenChannelFacts: [],
      hukouType: household.hukouType,
      receivedOn,
      openedAt,
      updatedAt: openedAt,
    };

    if (channel === 'NON_NATURAL_DEATH') {
      values.originOrganisationId = random.chance(0.7)
        ? unit('PUBLIC_SECURITY')
        : city.counties[random.int(0, city.counties.length - 1)].units.PUBLIC_SECURITY;
      const visitDue = addWorkingDays(receivedOn, 3);
      const visited = passed('VISITED') ? step(1, 4) : null;
      task('VISIT', 'DEATH_CASE_VISIT', visitDue, visited, township.policeStationId);
      if (visited) {
        event('VISIT_RECORDED', visited, township.policeStationId);
        story.visits.push({
          id: newId(visited),
          caseId,
          visitedOn: visited,
          visitorOrganisationIds: [township.policeStationId, village.committeeId],
          findings: ['EDUCATION', 'ELDERLY_CARE', 'MEDICAL', 'EMPLOYMENT', 'HOUSING', 'MENTAL_HEALTH'].map((area) => ({
            area,
            situation: `${area === 'MEDICAL' ? '家属身体状况' : '家庭情况'}已记录`,
            needsHelp: random.chance(0.4),
          })),
          referralRequested: true,
          requestedKinds: referralsToSend.map((r) => r.kind),
          note: null,
          recordedById: null,
          createdAt: at(visited),
        });
        const reported = passed('REPORTED') ? step(2, 6) : null;
        task(
          'STATION_REPORT',
          'DEATH_CASE_STATION_REPORT',
          addWorkingDays(visited, 5),
          reported,
          township.policeStationId,
        );
        if (reported) {
          event('REPORTED_TO_LEAD', reported);
          const pushed = passed('REFERRED') ? step(3, 8) : null;
          task('PUSH_REFERRALS', 'DEATH_CASE_REFERRALS', addWorkingDays(reported, 7), pushed);
          if (pushed) {
            referralsSent = true;
            sentOn = pushed;
            referralRule = 'AGENCY_WRITTEN_ANSWER';
          }
        }
      }
    } else if (channel === 'JUDICIAL_ASSISTANCE') {
      const concluded = passed('INVESTIGATION_CONCLUDED') ? step(5, 25) : null;
      task('CONCLUDE_INVESTIGATION', null, null, concluded);
      if (concluded) {
        event('INVESTIGATION_CONCLUDED', concluded);
        const pushed = passed('REFERRED') ? step(1, 7) : null;
        task('PUSH_REFERRALS', 'JUDICIAL_TO_SOCIAL_REFERRAL', addWorkingDays(concluded, 5), pushed);
        if (pushed) {
          referralsSent = true;
          sentOn = pushed;
          referralRule = 'RECEIVER_STARTS_PROCEDURE';
        }
      }
      if (random.chance(0.3)) values.priorityGroups = [random.pick(['PETITIONER', 'WOMAN_IN_HARDSHIP', 'MINOR'])];
    } else if (channel === 'WINDOW_APPLICATION' || channel === 'HOTLINE') {
      values.atWindow = true;
      values.windowOrganisationId = township.governmentId;
      let from = receivedOn;
      if (channel === 'HOTLINE') {
        values.firstQuestionOrganisationId = unit(
          random.pick(['CIVIL_AFFAIRS', 'HEALTH', 'EDUCATION', 'WOMENS_FEDERATION'] as const),
        );
        from = step(0, 2);
        event('BROUGHT_TO_WINDOW', from, values.firstQuestionOrganisationId as string);
      }
      const transferred = passed('TRANSFERRED') ? step(0, 2) : null;
      task('TRANSFER', 'WINDOW_TRANSFER', addWorkingDays(from, 1), transferred, township.governmentId);
      if (transferred) {
        referralsSent = true;
        sentOn = transferred;
        referralRule = 'WINDOW_CONCLUDE';
      }
    } else {
      values.originOrganisationId = channel === 'VILLAGE_DISCOVERY' ? village.committeeId : unit('CIVIL_AFFAIRS');
      const assigned = passed('ASSIGNED') ? step(1, 5) : null;
      task('ASSIGN_LEAD', null, null, assigned);
      if (assigned) {
        values.officeOrganisationId = unit(
          random.pick(['CIVIL_AFFAIRS', 'HUMAN_RESOURCES_SOCIAL_SECURITY', 'MEDICAL_SECURITY'] as const),
        );
        event('LEAD_ASSIGNED', assigned);
        if (passed('VISITED')) {
          const visited = step(2, 8);
          event('VISIT_RECORDED', visited, village.committeeId);
          story.visits.push({
            id: newId(visited),
            caseId,
            visitedOn: visited,
            visitorOrganisationIds: [village.committeeId],
            findings: [{ area: 'ELDERLY_CARE', situation: '入户走访，了解家庭基本情况', needsHelp: true }],
            referralRequested: false,
            requestedKinds: [],
            note: null,
            recordedById: null,
            createdAt: at(visited),
          });
        }
        if (passed('IN_REVIEW')) {
          values.reviewedOn = step(3, 10);
          values.reviewConclusion = '专题会审：建议纳入救助';
          event('REVIEW_SUBMITTED', values.reviewedOn as string);
        }
        if (passed('IN_NOTICE')) {
          const startsOn = step(1, 3);
          const days = 7;
          const endsOn = addCalendarDays(startsOn, days - 1);
          const closed = passed('DECIDED') ? minDate(asOf, addCalendarDays(endsOn, random.int(1, 5))) : null;
          const objection = random.chance(0.05);
          story.publicityConsent = true;
          story.notices.push({
            id: newId(startsOn),
            caseId,
            startsOn,
            endsOn,
            days,
            content: '拟纳入救助对象公示',
            objections: objection
              ? [{ receivedOn: addCalendarDays(startsOn, 2), content: '对家庭收入情况有异议' }]
              : [],
            outcome: closed ? (objection ? 'OBJECTION_DISMISSED' : 'NO_OBJECTION') : null,
            closedOn: closed && closed > endsOn ? closed : null,
            createdAt: at(startsOn),
          });
          event('NOTICE_STARTED', startsOn);
          if (closed && closed > endsOn) {
            event('NOTICE_CLOSED', closed);
            day = closed;
          }
        }
        if (passed('DECIDED')) {
          referralsSent = true;
          sentOn = day;
          referralRule = 'WINDOW_CONCLUDE';
        }
      }
    }

    // The referrals: sent together, each answered (on time or late), declined, forwarded, or still open.
    let anyOpenReferral = false;
    if (referralsSent) {
      if (channel !== 'NON_NATURAL_DEATH' && channel !== 'JUDICIAL_ASSISTANCE') referralsToSend.splice(2);
      for (const target of referralsToSend) {
        const chain = sendReferral(target.to, target.kind, target.toKind, lead, sentOn, null);
        if (chain) anyOpenReferral = true;
      }
      if (channel === 'NON_NATURAL_DEATH' || channel === 'JUDICIAL_ASSISTANCE') event('REFERRALS_COMPLETED', sentOn);
    }

    function dueOf(rule: string, from: string): string {
      return rule === 'AGENCY_WRITTEN_ANSWER'
        ? addCalendarMonths(from, 1)
        : addWorkingDays(from, rule === 'WINDOW_CONCLUDE' ? 10 : 5);
    }

    /** One referral and what became of it; true when it is still waiting for its receiver. */
    function sendReferral(
      to: string,
      kind: string,
      toKind: string,
      from: string,
      on: string,
      forwardedFromId: string | null,
    ): boolean {
      const id = newId(on);
      const procedure = channel === 'JUDICIAL_ASSISTANCE';
      const dueRule = procedure ? 'RECEIVER_STARTS_PROCEDURE' : referralRule;
      const dueDate = dueOf(dueRule, on);
      const row: Row = {
        id,
        caseId,
        fromOrganisationId: from,
        toOrganisationId: to,
        toOrganisationKind: toKind,
        kind,
        status: 'SENT',
        requestedMeasures: [],
        sentOn: on,
        procedure,
        dueDate,
        dueRule,
        forwardedFromId,
        createdAt: at(on),
        updatedAt: at(on),
      };
      story.referrals.push(row);
      event('REFERRAL_SENT', on, from, id);
      // Open cases keep some referrals waiting; a closed case has none (closeCase refuses while one waits).
      const outcome = random.weighted(
        open
          ? { ANSWERED: 40, RECEIPTED: 15, DECLINED: 10, FORWARDED: forwardedFromId ? 0 : 5, WAITING: 30 }
          : { ANSWERED: 45, RECEIPTED: 33, DECLINED: 14, FORWARDED: forwardedFromId ? 0 : 8 },
      );
      // About three in four answers come within the time limit.
      const late = random.chance(0.25);
      const answerOn = (limit: string) => {
        const date = late
          ? addWorkingDays(limit, random.int(1, 15))
          : addCalendarDays(on, random.int(1, Math.max(1, (Date.parse(limit) - Date.parse(on)) / 86_400_000)));
        return date > asOf ? null : date;
      };
      if (outcome === 'WAITING') {
        if (procedure && random.chance(0.5)) {
          const accepted = answerOn(dueDate);
          if (accepted) Object.assign(row, { status: 'ACCEPTED', acceptedOn: accepted, dueDate: null, dueRule: null });
          if (accepted) event('REFERRAL_ACCEPTED', accepted, to, id);
        }
        return true;
      }
      let answeredOn = answerOn(dueDate);
      if (!answeredOn) {
        if (open) return true;
        answeredOn = minDate(asOf, dueDate);
      }
      row.updatedAt = at(answeredOn, 16);
      row.version = 2;
      if (procedure) {
        // 晋检发办字〔2023〕10号 第二十一条: the receiver starts its procedure, concludes it, then reports back.
        const concluded = minDate(asOf, addWorkingDays(answeredOn, random.int(5, 20)));
        Object.assign(row, {
          acceptedOn: answeredOn,
          concludedOn: concluded,
          dueRule: 'RECEIVER_REPORTS_BACK',
          dueDate: addWorkingDays(concluded, 5),
        });
        event('REFERRAL_ACCEPTED', answeredOn, to, id);
        event('REFERRAL_CONCLUDED', concluded, to, id);
        answeredOn = minDate(
          asOf,
          late ? addWorkingDays(concluded, random.int(6, 15)) : addWorkingDays(concluded, random.int(1, 5)),
        );
      }
      if (outcome === 'DECLINED') {
        Object.assign(row, {
          status: 'DECLINED',
          declinedOn: answeredOn,
          declineReason: random.pick(procedure ? DECLINE_JUDICIAL : DECLINE_GENERAL),
          declineExplanation: '经审查，不符合本单位救助条件',
        });
        event('REFERRAL_DECLINED', answeredOn, to, id);
      } else if (outcome === 'FORWARDED') {
        const next = random.pick([
          'HOUSING',
          'HEALTH',
          'JUSTICE',
          'RED_CROSS',
          'TRADE_UNION',
          'DISABLED_PERSONS_FEDERATION',
        ] as const);
        Object.assign(row, {
          status: 'FORWARDED',
          forwardedOn: answeredOn,
          forwardReason: '不属于本单位职责，转有关单位办理',
        });
        event('REFERRAL_FORWARDED', answeredOn, to, id);
        const stillWaiting = sendReferral(unit(next), kind, next, to, answeredOn, id);
        row.forwardedToId = story.referrals.find((r) => r.forwardedFromId === id)!.id;
        return stillWaiting;
      } else {
        const measures =
          kind === 'SOCIAL_ASSISTANCE'
            ? ['纳入临时救助']
            : kind === 'RURAL_SUPPORT'
              ? ['纳入防止返贫监测']
              : ['落实相关帮扶政策'];
        Object.assign(row, { status: 'ANSWERED', answeredOn, measuresTaken: measures });
        event('REFERRAL_ANSWERED', answeredOn, to, id);
        if (kind === 'SOCIAL_ASSISTANCE' && random.chance(inHardship ? 0.8 : 0.5)) {
          const grant = benefit({
            kind: 'TEMPORARY',
            grantedOn: answeredOn,
            amountFen: random.chance(0.03) ? 500_000 : random.int(5, 30) * 10_000,
            status: random.weighted({ ACTIVE: 20, ENDED: 60, APPROVED: 8, REJECTED: 4, IN_NOTICE: 4, PROPOSED: 4 }),
            caseId,
            referralId: id,
          });
          if (grant) row.benefitIds = [grant.id];
        }
        if (outcome === 'RECEIPTED') {
          const receipt = minDate(asOf, addWorkingDays(answeredOn, random.int(1, 5)));
          Object.assign(row, { status: 'RECEIPTED', receiptOn: receipt });
          event('RECEIPT_ACKNOWLEDGED', receipt, from, id);
        }
      }
      return false;
    }

    if (!open) {
      const closedOn = minDate(asOf, addWorkingDays(day > sentOn ? day : sentOn, random.int(5, 40)));
      const lastEvent = events.reduce((latest, e) => (e[1] > latest ? e[1] : latest), receivedOn);
      const closeOn = closedOn < lastEvent ? lastEvent : closedOn;
      if (channel === 'WINDOW_APPLICATION' || channel === 'HOTLINE') {
        values.concludedOn = closeOn;
        event('CASE_CONCLUDED', closeOn);
      }
      values.closedOn = closeOn;
      values.closeReason = referralsSent
        ? '已落实救助措施'
        : random.pick(['经核查不符合救助条件', '当事人撤回申请', '已通过其他途径解决']);
      event('CASE_CLOSED', closeOn);
      values.updatedAt = at(closeOn, 17);
      // Follow-up visits after the answers (襄政办发〔2023〕26号 七(六), 晋检发办字〔2023〕10号 第二十五条).
      if (referralsSent && random.chance(0.5)) {
        const dueOn = addCalendarDays(closeOn, random.int(30, 90));
        const visitedOn = dueOn <= asOf ? minDate(asOf, addCalendarDays(dueOn, random.int(-10, 10))) : null;
        story.followUps.push({
          id: newId(closeOn),
          caseId,
          organisationId: lead,
          dueOn,
          visitedOn: visitedOn && visitedOn > closeOn ? visitedOn : null,
          outcome: visitedOn && visitedOn > closeOn ? '家庭生活基本稳定' : null,
          needsMoreHelp: visitedOn && visitedOn > closeOn ? random.chance(0.15) : null,
          createdAt: at(closeOn, 17),
        });
        event('FOLLOW_UP_SCHEDULED', closeOn);
        if (visitedOn && visitedOn > closeOn) event('FOLLOW_UP_RECORDED', visitedOn);
      }
    } else if (stage === 'CONCLUDED' && !anyOpenReferral) {
      values.concludedOn = minDate(asOf, addWorkingDays(sentOn, random.int(3, 10)));
      event('CASE_CONCLUDED', values.concludedOn as string);
    } else if (stage === 'CONCLUDED') {
      // 周政办字〔2017〕70号 四(二)(四): not concluded while a transfer waits.
      values.stage = 'TRANSFERRED';
    }
    // The green channel, as openCase derives it (晋检发办字〔2023〕10号 第五条), from the facts the opener may read.
    const derived: string[] = [];
    const facts: { group: string; fact: string | null }[] = [];
    if (household.povertyMonitoringStatus !== 'NONE') {
      derived.push('RELAPSE_RISK');
      facts.push({ group: 'RELAPSE_RISK', fact: `povertyMonitoringStatus=${household.povertyMonitoringStatus}` });
    }
    if (household.members.some((m) => m.facts.veteranStatus !== 'NONE')) {
      derived.push('VETERAN_OR_ENTITLED');
      facts.push({ group: 'VETERAN_OR_ENTITLED', fact: 'veteranStatus' });
    }
    if (household.members.some((m) => ageOn(m.birthDate, receivedOn) < 18)) {
      derived.push('MINOR');
      facts.push({ group: 'MINOR', fact: 'member under 18' });
    }
    if (household.members[0].sex === 'FEMALE') {
      derived.push('WOMAN_IN_HARDSHIP');
      facts.push({ group: 'WOMAN_IN_HARDSHIP', fact: 'woman at the head of the household' });
    }
    values.derivedPriorityGroups = derived;
    values.greenChannelFacts = facts;
    values.greenChannel = derived.length > 0 || (values.priorityGroups as string[]).length > 0;
    values.version = 1 + events.length;
    story.cases.push(values);
    for (const [kind, on, organisationId, referralId] of events) {
      story.events.push({
        id: newId(on),
        caseId,
        at: at(on, random.int(8, 17)),
        on,
        kind,
        actorId: null,
        actorOrganisationId: organisationId,
        summary: kind === 'CASE_OPENED' ? `${channel} case opened at ${stages[0]}` : kind,
        referralId,
      });
    }
  }
  return story;
}
