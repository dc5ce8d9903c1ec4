import polyglotI18nProvider from 'ra-i18n-polyglot';
import { householdsChinese } from './households-zh';
import { householdsEnglish } from './households-en';
import englishMessages from 'ra-language-english';
import type { TranslationMessages } from 'ra-core';
import { reactAdminChinese } from './react-admin-zh';
import { domainChinese } from './domain-zh';
import { domainEnglish } from './domain-en';
import { workChinese } from './work-zh';
import { workEnglish } from './work-en';
import { dashboardChinese } from './dashboard-zh';
import { dashboardEnglish } from './dashboard-en';
import { integrationChinese } from './integration-zh';
import { integrationEnglish } from './integration-en';

/** My work and the case pages keep their words in files of their own (work-zh.ts), merged here. */
const withWork = <T extends { doudi: object; resources: object }>(base: T, work: typeof workChinese) => ({
  ...base,
  doudi: { ...base.doudi, ...work.doudi },
  resources: { ...base.resources, ...work.resources },
});

export const LOCALES = [
  { locale: 'zh-CN', name: '中文' },
  { locale: 'en', name: 'English' },
];

const messages: Record<string, TranslationMessages> = {
  'zh-CN': withWork({ ...reactAdminChinese, ...domainChinese }, workChinese) as TranslationMessages,
  en: withWork({ ...englishMessages, ...domainEnglish }, workEnglish) as TranslationMessages,
};

// The dashboard's words (issue 14 item 6) live in dashboard-zh.ts / -en.ts.
for (const [locale, words] of [
  ['zh-CN', dashboardChinese],
  ['en', dashboardEnglish],
  // An app's webhooks and a case's documents (issue 19) live in integration-zh.ts / -en.ts.
  ['zh-CN', integrationChinese],
  ['en', integrationEnglish],
] as const) {
  const target = messages[locale] as unknown as { doudi: object; resources: object };
  Object.assign(target, {
    doudi: { ...target.doudi, ...words.doudi },
    resources: { ...target.resources, ...words.resources },
  });
}

// The households and approvals pages keep their words in households-zh.ts / -en.ts (issue 14 items 3 and 4).
for (const [locale, words] of [
  ['zh-CN', householdsChinese],
  ['en', householdsEnglish],
] as const) {
  const target = messages[locale] as unknown as { doudi: object; resources: object };
  target.doudi = { ...target.doudi, ...words.doudi };
  target.resources = { ...target.resources, ...words.resources };
}

/** zh-CN unless the person chose English (react-admin keeps the choice in its store). */
export const i18nProvider = polyglotI18nProvider((locale) => messages[locale] ?? messages['zh-CN'], 'zh-CN', LOCALES, {
  allowMissing: false,
});

/** The translate function outside React (the data layer's error messages), in the locale chosen now. */
export const translate = (key: string, options?: Record<string, unknown>) => i18nProvider.translate(key, options);
