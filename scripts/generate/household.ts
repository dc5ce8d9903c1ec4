import { addCalendarDays, ageOn, checkCharacter } from '@doudi/shared';
import type { City, Village } from './city.js';
import { villageOf } from './city.js';
import { Random } from './random.js';

export interface PlannedPerson {
  name: string;
  sex: 'MALE' | 'FEMALE';
  birthDate: string;
  relationshipToHead: 'SELF' | 'SPOUSE' | 'CHILD' | 'PARENT' | 'GRANDCHILD';
  /** The first 17 characters of the ID number but the 3-digit sequence, chosen when written (unique per run). */
  phone: string | null;
  facts: {
    disabilityCategory: string | null;
    disabilityGrade: number | null;
    hasDisabilityCertificate: boolean;
    seriousIllness: boolean;
    chronicIllness: boolean;
    schoolingStage: string | null;
    employmentStatus: string | null;
    workAbility: string | null;
    veteranStatus: string;
    orphan: boolean;
    unattendedChild: boolean;
  };
}

export interface PlannedHousehold {
  index: number;
  village: Village;
  hukouType: 'RURAL' | 'URBAN';
  residenceCode: string | null;
  povertyMonitoringStatus: string;
  povertyMonitoringSince: string | null;
  address: string;
  members: PlannedPerson[];
  /** Per-capita monthly income, fen, as declared for the last two months. */
  incomeLines: { monthsAgo: 1 | 2; category: string; amountFen: number }[];
  perCapitaFen: number;
  /** Hardship, as the programmes would find it: which the household's story draws on. */
  hardship: {
    dibao: boolean;
    tekun: boolean;
    lowIncome: boolean;
    expenditure: boolean;
  };
  registeredOn: string;
}

const SURNAMES = [
  ...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文',
];
const MALE_GIVEN = [...'伟强磊军勇杰涛明超刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳建国志文斌东亮成海峰'];
const FEMALE_GIVEN = [...'芳娜敏静丽艳娟霞燕玲桂英秀兰萍红梅琳雪婷慧颖莹倩洁晶琴云莉凤丹欣怡佳悦'];

function givenName(random: Random, sex: 'MALE' | 'FEMALE'): string {
  const pool = sex === 'MALE' ? MALE_GIVEN : FEMALE_GIVEN;
  return random.chance(0.3) ? random.pick(pool) : random.pick(pool) + random.pick(pool);
}

/** A birth date `age` years before `asOf`, on a random day of that year of life. */
function birthDateAt(random: Random, asOf: string, age: number): string {
  const latest = addCalendarDays(`${Number(asOf.slice(0, 4)) - age}${asOf.slice(4)}`, 0);
  return addCalendarDays(latest, -random.int(0, 364));
}

function schoolingStage(age: number, random: Random): string | null {
  if (age < 3) return 'NONE';
  if (age < 6) return 'PRESCHOOL';
  if (age < 12) return 'PRIMARY';
  if (age < 15) return 'JUNIOR_SECONDARY';
  if (age < 18) return random.chance(0.8) ? 'SENIOR_SECONDARY' : 'VOCATIONAL';
  if (age < 22 && random.chance(0.45)) return 'HIGHER';
  return 'FINISHED';
}

function person(
  random: Random,
  asOf: string,
  relationshipToHead: PlannedPerson['relationshipToHead'],
  sex: 'MALE' | 'FEMALE',
  age: number,
  surname: string,
): PlannedPerson {
  const birthDate = birthDateAt(random, asOf, Math.max(0, age));
  const realAge = ageOn(birthDate, asOf);
  const disabled = random.chance(realAge >= 60 ? 0.12 : 0.045);
  const adult = realAge >= 18;
  const elderly = realAge >= 60;
  const seriousIllness = random.chance(elderly ? 0.06 : 0.015);
  const workAbility =
    !adult || elderly
      ? elderly && random.chance(0.4)
        ? 'PARTIAL'
        : 'NONE'
      : disabled || seriousIllness
        ? random.pick(['PARTIAL', 'NONE'])
        : 'FULL';
  const employmentStatus = !adult
    ? 'STUDENT'
    : elderly
      ? random.chance(0.3)
        ? 'RETIRED'
        : 'NOT_IN_LABOUR_FORCE'
      : workAbility === 'NONE'
        ? 'NOT_IN_LABOUR_FORCE'
        : random.weighted({ EMPLOYED: 45, SELF_EMPLOYED: 30, UNEMPLOYED: 15, NOT_IN_LABOUR_FORCE: 10 });
  return {
    name: surname + givenName(random, sex),
    sex,
    birthDate,
    relationshipToHead,
    phone:
      adult && random.chance(0.85)
        ? `1${random.pick([3, 5, 7, 8, 9])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`
        : null,
    facts: {
      disabilityCategory: disabled
        ? random.weighted({ PHYSICAL: 50, VISUAL: 12, HEARING: 12, SPEECH: 3, INTELLECTUAL: 8, MENTAL: 8, MULTIPLE: 7 })
        : null,
      disabilityGrade: disabled ? random.int(1, 4) : null,
      hasDisabilityCertificate: disabled && random.chance(0.8),
      seriousIllness,
      chronicIllness: random.chance(elderly ? 0.35 : 0.06),
      schoolingStage: schoolingStage(realAge, random),
      employmentStatus,
      workAbility,
      veteranStatus:
        adult && sex === 'MALE' && random.chance(0.03)
          ? random.weighted({ VETERAN: 8, ENTITLED_GROUP: 2, MARTYR_FAMILY: 1 })
          : 'NONE',
      orphan: !adult && random.chance(0.002),
      unattendedChild: !adult && random.chance(0.004),
    },
  };
}

/**
 * One household of the city, from the seed and its index alone (so cases and benefits can be drawn without
 * keeping the city in memory): who lives there, how they are registered, their health, schooling and work, and
 * what they declared as income for the last two months. Incomes follow the local dibao line, so some households
 * fall under it (低保), some between it and 1.5 times it (低保边缘, 河鱼府发【2021】39号 一) and most above.
 */
export function planHousehold(
  city: City,
  seed: string,
  index: number,
  asOf: string,
  lines: { urbanFen: number; ruralFen: number },
): PlannedHousehold {
  const random = new Random(seed, 'household', index);
  const village = villageOf(city, index);
  const hukouType = village.urban ? (random.chance(0.9) ? 'URBAN' : 'RURAL') : random.chance(0.95) ? 'RURAL' : 'URBAN';
  const size = Number(random.weighted({ 1: 10, 2: 20, 3: 25, 4: 22, 5: 15, 6: 8 }));
  const surname = random.pick(SURNAMES);
  const headAge = size === 1 ? random.int(45, 90) : random.int(24, 82);
  const headSex = random.chance(0.78) ? 'MALE' : 'FEMALE';
  const members = [person(random, asOf, 'SELF', headSex, headAge, surname)];
  const spouseSurname = random.pick(SURNAMES);
  if (size >= 2 && random.chance(0.85)) {
    members.push(
      person(
        random,
        asOf,
        'SPOUSE',
        headSex === 'MALE' ? 'FEMALE' : 'MALE',
        headAge + random.int(-5, 4),
        spouseSurname,
      ),
    );
  }
  while (members.length < size) {
    const sex = random.chance(0.52) ? 'MALE' : 'FEMALE';
    if (headAge >= 58 && random.chance(0.5)) {
      members.push(person(random, asOf, 'GRANDCHILD', sex, random.int(0, Math.min(20, headAge - 40)), surname));
    } else if (headAge <= 50 && members.every((m) => m.relationshipToHead !== 'PARENT') && random.chance(0.3)) {
      members.push(person(random, asOf, 'PARENT', sex, Math.min(99, headAge + random.int(22, 32)), surname));
    } else {
      members.push(person(random, asOf, 'CHILD', sex, Math.max(0, headAge - random.int(20, 38)), surname));
    }
  }

  const line = hukouType === 'URBAN' ? lines.urbanFen : lines.ruralFen;
  // Per-capita income as a multiple of the dibao line: a long tail above, a few percent under it.
  const ratio = Math.max(0.15, Math.exp(0.95 + 0.55 * random.normal()) * (members.length > 4 ? 0.85 : 1));
  const perCapitaFen = Math.round((line * ratio) / 100) * 100;
  const total = perCapitaFen * members.length;
  const categories =
    hukouType === 'RURAL' ? { AGRICULTURE: 4, WAGES: 4, TRANSFER: 2 } : { WAGES: 6, BUSINESS: 2, TRANSFER: 2 };
  const main = random.weighted(categories);
  const second = random.chance(0.5) ? random.weighted({ TRANSFER: 3, PROPERTY: 1 }) : null;
  const incomeLines: PlannedHousehold['incomeLines'] = [];
  for (const monthsAgo of [1, 2] as const) {
    if (monthsAgo === 2 && random.chance(0.5)) continue;
    const drift = monthsAgo === 1 ? 1 : 0.9 + random.next() * 0.2;
    const amount = Math.round((total * drift) / 100) * 100;
    if (second && second !== main) {
      const part = Math.round((amount * 0.25) / 100) * 100;
      incomeLines.push(
        { monthsAgo, category: main, amountFen: amount - part },
        { monthsAgo, category: second, amountFen: part },
      );
    } else incomeLines.push({ monthsAgo, category: main, amountFen: amount });
  }

  const everyoneUnable = members.every((m) => m.facts.workAbility !== 'FULL');
  const alone = members.length === 1;
  const oldest = ageOn(members[0].birthDate, asOf);
  // 特困 (临社救办发〔2015〕3号 二(二)): no ability to work, no income source, no obligor able to support — elderly
  // people living alone, disabled adults, orphans.
  const tekun =
    alone && everyoneUnable && (oldest >= 60 || members[0].facts.disabilityCategory !== null) && random.chance(0.35);
  const dibao = !tekun && ratio < 1 && random.chance(0.8);
  const lowIncome = !dibao && !tekun && ratio >= 1 && ratio < 1.5;
  const expenditure = !dibao && !tekun && members.some((m) => m.facts.seriousIllness) && random.chance(0.4);
  const povertyMonitoringStatus =
    hukouType === 'RURAL' && (dibao || lowIncome || expenditure || random.chance(0.03))
      ? random.weighted({ NONE: 5, UNSTABLE_OUT_OF_POVERTY: 3, MARGINAL_AT_RISK: 3, SUDDEN_SEVERE_HARDSHIP: 1 })
      : 'NONE';
  const relocated = random.chance(0.06);
  const residence = relocated ? city.villages[random.int(0, city.villages.length - 1)] : null;
  return {
    index,
    village,
    hukouType,
    residenceCode: residence && residence.code !== village.code ? residence.code : null,
    povertyMonitoringStatus,
    povertyMonitoringSince: povertyMonitoringStatus === 'NONE' ? null : addCalendarDays(asOf, -random.int(30, 900)),
    address: `${village.name}${random.int(1, 12)}组${random.int(1, 80)}号`,
    members,
    incomeLines,
    perCapitaFen,
    hardship: { dibao, tekun, lowIncome, expenditure },
    registeredOn: addCalendarDays(asOf, -random.int(400, 1500)),
  };
}

/**
 * The ID number of a person: where they were first registered, their birth date, a sequence whose last digit
 * says the sex (odd male, even female), and the GB 11643 check character (the shared helper). `taken` keeps the
 * numbers of the run unique: a clash moves to the next free sequence.
 */
export function idNumberOf(countyCode6: string, person: PlannedPerson, start: number, taken: Set<string>): string {
  const stem = countyCode6 + person.birthDate.replace(/-/g, '');
  for (let attempt = 0; attempt < 500; attempt++) {
    const n = (start + attempt) % 500;
    const sequence = String(n * 2 + (person.sex === 'MALE' ? 1 : 0)).padStart(3, '0');
    const first17 = stem + sequence;
    if (taken.has(first17)) continue;
    taken.add(first17);
    return first17 + checkCharacter(first17);
  }
  throw new Error(`no free ID number sequence for ${stem}`);
}
