/**
 * Statistical division codes nest by prefix (GB/T 2260 and the rural-urban division codes): a province is
 * the first 2 digits, a city 4, a county 6, a township 9, a village all 12.
 */
const PREFIX = { PROVINCE: 2, CITY: 4, COUNTY: 6, TOWNSHIP: 9, VILLAGE: 12 } as const;
export type Level = keyof typeof PREFIX;

/** Whether `code` is `root` or lies below it. */
export function isWithin(code: string, root: { code: string; level: Level }): boolean {
  return code.startsWith(root.code.slice(0, PREFIX[root.level]));
}
