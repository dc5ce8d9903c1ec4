import { levelOfCode } from '../jurisdiction-code.js';
import { forbidden, type Principal } from './principal.js';

/**
 * 河鱼府发【2021】39号 二(一)(二) (三级响应: 县指挥中心、乡指挥站、村指挥点): villages discover, townships decide. A caller
 * whose account sits at a village — its village point (主动发现救助指挥点) or its village committee (村委会), whatever
 * the role — submits leads (VILLAGE_DISCOVERY) and records visits, hands a request to the township's window (周政办字〔2017〕70号
 * 四(一)), and takes no application, assigns no lead and proposes or decides no relief. The rule follows the account's
 * place in the three levels rather than a role of its own, so a village desk keeps whichever permissions its role
 * gives it to read, and no role can lift it.
 */
export function atVillage(principal: Principal): boolean {
  return principal.jurisdictionCode !== null && levelOfCode(principal.jurisdictionCode) === 'VILLAGE';
}

/** FORBIDDEN for a village-level caller, naming the rule and what the township does instead. */
export function assertNotAtVillage(principal: Principal, what: string): void {
  if (!atVillage(principal)) return;
  throw forbidden(
    `Villages discover and visit, the township does the rest (here: ${what}) — 河鱼府发【2021】39号 二(一)(二): ` +
      '村救助点收集汇总，报乡救助指挥站. Submit a VILLAGE_DISCOVERY lead instead',
    { rule: '河鱼府发【2021】39号 二(一)(二)' },
  );
}
