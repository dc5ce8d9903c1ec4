import { JURISDICTION_LEVELS } from '@doudi/shared';
import { idFor, Random } from './random.js';

type Level = (typeof JURISDICTION_LEVELS)[number];

export interface Division {
  code: string;
  name: string;
  level: Level;
  parentCode: string | null;
}

export interface GeneratedOrganisation {
  id: string;
  name: string;
  kind: string;
  jurisdictionCode: string;
}

export interface Village extends Division {
  /** The county and township it belongs to (indexes into City.counties / City.townships). */
  county: number;
  township: number;
  /** The village committee (or community residents' committee). */
  committeeId: string;
  /** Households [first, end) of the run live here. */
  first: number;
  end: number;
  urban: boolean;
}

export interface County extends Division {
  /** Organisation ids of the county's member units, by kind. */
  units: Record<CountyUnitKind, string>;
}

export interface Township extends Division {
  county: number;
  governmentId: string;
  policeStationId: string;
}

export interface City {
  province: Division;
  city: Division;
  counties: County[];
  townships: Township[];
  villages: Village[];
  organisations: GeneratedOrganisation[];
  /** The city's civil-affairs bureau (it publishes the local standard, 临社救办发〔2015〕3号 二(一)). */
  cityCivilAffairsId: string;
}

/** Real GB/T 2260 codes of a few prefecture-level cities and their counties; townships and villages are generated. */
export const CITY_PRESETS: Record<string, { province: string; name: string; counties: [string, string][] }> = {
  '1408': {
    province: '山西省',
    name: '运城市',
    counties: [
      ['140802', '盐湖区'],
      ['140821', '临猗县'],
      ['140822', '万荣县'],
      ['140823', '闻喜县'],
      ['140824', '稷山县'],
      ['140825', '新绛县'],
      ['140826', '绛县'],
      ['140827', '垣曲县'],
      ['140828', '夏县'],
      ['140829', '平陆县'],
      ['140830', '芮城县'],
      ['140881', '永济市'],
      ['140882', '河津市'],
    ],
  },
  '1410': {
    province: '山西省',
    name: '临汾市',
    // 襄汾县 (141023) is the demo's own county: the generated one sits beside it.
    counties: [
      ['141024', '洪洞县'],
      ['141021', '曲沃县'],
      ['141022', '翼城县'],
      ['141025', '古县'],
      ['141026', '安泽县'],
      ['141027', '浮山县'],
    ],
  },
};

/** The member units of a county's joint meeting (襄政办发〔2023〕26号 附件1; 晋检发办字〔2023〕10号 第二十三条). */
export const COUNTY_UNITS = {
  PUBLIC_SECURITY: '公安局',
  PROCURATORATE: '人民检察院',
  CIVIL_AFFAIRS: '民政局',
  EDUCATION: '教育局',
  HUMAN_RESOURCES_SOCIAL_SECURITY: '人力资源和社会保障局',
  HOUSING: '住房和城乡建设局',
  AGRICULTURE_RURAL: '农业农村局',
  MEDICAL_SECURITY: '医疗保障局',
  HEALTH: '卫生健康局',
  JUSTICE: '司法局',
  VETERANS: '退役军人事务局',
  TRADE_UNION: '总工会',
  YOUTH_LEAGUE: '团委',
  WOMENS_FEDERATION: '妇女联合会',
  DISABLED_PERSONS_FEDERATION: '残疾人联合会',
  RED_CROSS: '红十字会',
} as const;
export type CountyUnitKind = keyof typeof COUNTY_UNITS;

const PLACE_SYLLABLES = [
  ...'东西南北中上下前后新老大小安平和兴隆泰丰裕康宁清河山水石桥庄集店堡营坡沟岭峪湾塬川源林杨柳槐桑榆王李张赵刘陈',
];

function placeName(random: Random, taken: Set<string>): string {
  for (;;) {
    const name = random.pick(PLACE_SYLLABLES) + random.pick(PLACE_SYLLABLES);
    if (name[0] !== name[1] && !taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

/** How the city is cut: about a dozen villages per township, a dozen townships per county. */
export function cityShape(households: number) {
  const perVillage = Math.min(250, Math.max(20, Math.round(households / 12)));
  const villages = Math.max(4, Math.round(households / perVillage));
  const townships = Math.max(2, Math.round(villages / 12));
  const counties = Math.max(1, Math.round(townships / 11));
  return { villages, townships, counties };
}

/**
 * The divisions and agencies of a generated city: the preset's real county codes (as many as the size needs),
 * generated township (9-digit) and village (12-digit) codes beneath them, and the agencies that take part.
 */
export function planCity(options: { seed: string; households: number; cityCode: string; at: Date }): City {
  const { seed, households, at } = options;
  const preset = CITY_PRESETS[options.cityCode];
  if (!preset) throw new Error(`no preset for city ${options.cityCode}`);
  const random = new Random(seed, 'city');
  const shape = cityShape(households);
  const countyCount = Math.min(shape.counties, preset.counties.length);
  const organisations: GeneratedOrganisation[] = [];
  const organisation = (name: string, kind: string, jurisdictionCode: string) => {
    const id = idFor(at, seed, 'organisation', organisations.length);
    organisations.push({ id, name, kind, jurisdictionCode });
    return id;
  };
  const code12 = (prefix: string) => prefix.padEnd(12, '0');
  const provinceCode = code12(options.cityCode.slice(0, 2));
  const cityCode = code12(options.cityCode);
  const province: Division = { code: provinceCode, name: preset.province, level: 'PROVINCE', parentCode: null };
  const city: Division = { code: cityCode, name: preset.name, level: 'CITY', parentCode: provinceCode };
  const cityCivilAffairsId = organisation(`${preset.name}民政局`, 'CIVIL_AFFAIRS', cityCode);

  const counties: County[] = preset.counties.slice(0, countyCount).map(([code6, name]) => {
    const code = code12(code6);
    const units = Object.fromEntries(
      (Object.entries(COUNTY_UNITS) as [CountyUnitKind, string][]).map(([kind, unit]) => {
        const unitName = kind === 'YOUTH_LEAGUE' ? `共青团${name}委员会` : `${name}${unit}`;
        return [kind, organisation(unitName, kind, code)];
      }),
    ) as Record<CountyUnitKind, string>;
    return { code, name, level: 'COUNTY', parentCode: cityCode, units };
  });

  const names = new Set<string>();
  const townships: Township[] = [];
  const perCounty = new Map<number, number>();
  for (let t = 0; t < shape.townships; t++) {
    const county = t % counties.length;
    const n = perCounty.get(county) ?? 0;
    perCounty.set(county, n + 1);
    // 街道 001–, 镇 100–, 乡 200– (the order GB/T 10114 gives them).
    const kind = n === 0 && county === 0 ? '街道' : random.chance(0.6) ? '镇' : '乡';
    const serial = kind === '街道' ? 1 + n : kind === '镇' ? 100 + n : 200 + n;
    const code = code12(counties[county].code.slice(0, 6) + String(serial).padStart(3, '0'));
    const name = placeName(random, names) + kind;
    const governmentId = organisation(
      kind === '街道' ? `${name}办事处` : `${name}人民政府`,
      'TOWNSHIP_GOVERNMENT',
      code,
    );
    const policeStationId = organisation(
      `${counties[county].name}公安局${name.slice(0, 2)}派出所`,
      'PUBLIC_SECURITY',
      code,
    );
    townships.push({
      code,
      name,
      level: 'TOWNSHIP',
      parentCode: counties[county].code,
      county,
      governmentId,
      policeStationId,
    });
  }

  const weights = Array.from({ length: shape.villages }, () => 0.5 + random.next());
  const total = weights.reduce((a, b) => a + b, 0);
  const villages: Village[] = [];
  const perTownship = new Map<number, number>();
  let cumulative = 0;
  for (let v = 0; v < shape.villages; v++) {
    const township = v % townships.length;
    const n = perTownship.get(township) ?? 0;
    perTownship.set(township, n + 1);
    const urban = townships[township].name.endsWith('街道');
    // Communities (社区) 001–, villages (村) 200–.
    const code = townships[township].code.slice(0, 9) + String((urban ? 1 : 200) + n).padStart(3, '0');
    const name = placeName(random, names) + (urban ? '社区' : '村');
    const committeeId = organisation(urban ? `${name}居民委员会` : `${name}村民委员会`, 'VILLAGE_COMMITTEE', code);
    const first = Math.round((households * cumulative) / total);
    cumulative += weights[v];
    const end = v === shape.villages - 1 ? households : Math.round((households * cumulative) / total);
    villages.push({
      code,
      name,
      level: 'VILLAGE',
      parentCode: townships[township].code,
      county: townships[township].county,
      township,
      committeeId,
      first,
      end,
      urban,
    });
  }
  // Households are numbered village after village in code order.
  villages.sort((a, b) => a.code.localeCompare(b.code));
  let next = 0;
  for (const village of villages) {
    const size = village.end - village.first;
    village.first = next;
    village.end = next + size;
    next += size;
  }
  return { province, city, counties, townships, villages, organisations, cityCivilAffairsId };
}

/** The village household `index` lives in (villages are contiguous ranges of indexes). */
export function villageOf(city: City, index: number): Village {
  let low = 0;
  let high = city.villages.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (city.villages[mid].end <= index) low = mid + 1;
    else high = mid;
  }
  return city.villages[low];
}
