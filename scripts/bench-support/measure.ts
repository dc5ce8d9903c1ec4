/** What the benchmarks compute from their timings and print them with. */

/** The median (the upper one of an even count): robust against the odd slow run a shared machine gives. */
export const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * The process's peak resident memory so far, in MiB. getrusage reports maxRSS in KiB on Linux, and a peak is
 * what matters: it says whether a county's data fits in the memory the deployment gives the service.
 */
export const peakRssMiB = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

/** Columns a terminal draws: a CJK character (an aggregate's or a city's name) takes two. */
const displayWidth = (text: string) => [...text].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);

/**
 * A table for the terminal: the first column (the name) left-aligned, the figures right-aligned so their digits
 * line up; `lastColumnLeft` for a last column of words (a check's verdict) rather than a figure.
 */
export function printTable(header: string[], rows: string[][], { lastColumnLeft = false } = {}): void {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]))));
  const line = (cols: string[]) =>
    cols
      .map((c, i) => {
        const padding = ' '.repeat(widths[i] - displayWidth(c));
        return i === 0 || (lastColumnLeft && i === cols.length - 1) ? c + padding : padding + c;
      })
      .join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}
