import { levelOfCode } from '@doudi/shared';
import type { Programme } from '../programme/programme.entity.js';
import type { ProgrammeVersion } from './programme-version.entity.js';
import {
  ApprovalLevel,
  ProgrammeSetting,
  SETTING_KEYS,
  type ApprovalTierSetting,
  type ProgrammeSettings,
} from './programme-settings.js';

/** Where a programme reads its programmes and versions: the request's loaders, or a transaction's. */
export interface ConfigurationSource {
  programme(id: string): Promise<Programme>;
  versions(programmeId: string): Promise<ProgrammeVersion[]>;
}

const MAX_TEMPLATE_DEPTH = 4;

/** The programme and the templates above it, outermost (province) first. */
export async function templateChain(source: ConfigurationSource, programme: Programme): Promise<Programme[]> {
  const chain = [programme];
  while (chain[0].templateId && chain.length <= MAX_TEMPLATE_DEPTH) {
    chain.unshift(await source.programme(chain[0].templateId));
  }
  return chain;
}

/** The version in force on `date`: the one with the latest start on or before it. */
export function versionOn(versions: ProgrammeVersion[], date: string): ProgrammeVersion | null {
  let found: ProgrammeVersion | null = null;
  for (const v of versions) if (v.effectiveFrom <= date && (!found || v.effectiveFrom > found.effectiveFrom)) found = v;
  return found;
}

export interface SettingSource {
  setting: ProgrammeSetting;
  programmeId: string;
  versionNumber: number;
  effectiveFrom: string;
  /** The template that locks this setting, if one does. */
  lockedById: string | null;
}

export interface EffectiveConfiguration {
  date: string;
  programme: Programme;
  /** The programme's own version in force, if it has one (a county may run on its template alone). */
  version: ProgrammeVersion | null;
  settings: ProgrammeSettings;
  sources: SettingSource[];
}

/**
 * The configuration a decision on `date` follows: walking from the outermost template down to the
 * programme, each version in force sets what it sets, unless a template above has locked that setting.
 * Null when neither the programme nor its templates have a version in force on that date.
 */
export async function configurationOn(
  source: ConfigurationSource,
  programme: Programme,
  date: string,
): Promise<EffectiveConfiguration | null> {
  const chain = await templateChain(source, programme);
  const inForce = await Promise.all(chain.map(async (p) => versionOn(await source.versions(p.id), date)));
  if (inForce.every((v) => v === null)) return null;
  const settings: ProgrammeSettings = {};
  const sources: SettingSource[] = [];
  for (const setting of Object.values(ProgrammeSetting)) {
    const key = SETTING_KEYS[setting];
    let chosen: SettingSource | null = null;
    let lockedById: string | null = null;
    chain.forEach((p, depth) => {
      const version = inForce[depth];
      if (!version) return;
      if (!lockedById && key in version.settings) {
        (settings as Record<string, unknown>)[key] = version.settings[key];
        chosen = {
          setting,
          programmeId: p.id,
          versionNumber: version.number,
          effectiveFrom: version.effectiveFrom,
          lockedById,
        };
      }
      if (!lockedById && depth < chain.length - 1 && version.locks.includes(setting)) lockedById = p.id;
    });
    if (chosen) sources.push({ ...(chosen as SettingSource), lockedById });
  }
  return { date, programme, version: inForce[inForce.length - 1], settings, sources };
}

/** Without approval tiers, the programme's own level decides every amount, without collective review. */
export function approvalTiersOf(config: EffectiveConfiguration): ApprovalTierSetting[] {
  const level = levelOfCode(config.programme.jurisdictionCode) as ApprovalLevel;
  return config.settings.approval?.tiers ?? [{ upToFen: null, level, collectiveReview: false }];
}

/** The tier that decides an amount: the first whose bound it does not pass. */
export const tierFor = (tiers: ApprovalTierSetting[], amountFen: number): ApprovalTierSetting =>
  tiers.find((t) => t.upToFen === null || amountFen <= t.upToFen) ?? tiers[tiers.length - 1];
