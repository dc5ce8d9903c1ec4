/** The API's OrganisationKind values, in the order the form offers them. */
export const ORGANISATION_KINDS = [
  'CIVIL_AFFAIRS',
  'TOWNSHIP_GOVERNMENT',
  'VILLAGE_COMMITTEE',
  'PUBLIC_SECURITY',
  'PROCURATORATE',
  'COURT',
  'JUSTICE',
  'EDUCATION',
  'SCHOOL',
  'HEALTH',
  'HOSPITAL',
  'MEDICAL_SECURITY',
  'HUMAN_RESOURCES_SOCIAL_SECURITY',
  'HOUSING',
  'AGRICULTURE_RURAL',
  'EMERGENCY_MANAGEMENT',
  'FINANCE',
  'VETERANS',
  'ASSISTANCE_STATION',
  'DISABLED_PERSONS_FEDERATION',
  'WOMENS_FEDERATION',
  'YOUTH_LEAGUE',
  'TRADE_UNION',
  'RED_CROSS',
  'CARE_FOR_NEXT_GENERATION',
  'CHARITY',
  'OTHER',
] as const;

export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const kindChoices = (translate: (key: string) => string) =>
  ORGANISATION_KINDS.map((id) => ({ id, name: translate(`doudi.organisations.kinds.${id}`) }));
