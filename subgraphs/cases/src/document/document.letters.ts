import type { LetterLayout } from './document.pdf.js';
import type { Case } from '../case/case.entity.js';
import type { Referral } from '../referral/referral.entity.js';
import type { Visit } from '../visit/visit.entity.js';
import { LifeArea, SENSITIVE_AREAS } from '../case/case.enums.js';
import { DeclineReason, ReferralKind } from '../referral/referral.enums.js';

/**
 * What each letter of 襄政办发〔2023〕26号 says, from the case's records (附件2–5 and the written answer of 七(五)). The seeds
 * name the forms but do not print them: the wording follows the clauses that prescribe each letter, in the layout of a
 * 公文 (title, 文号, 主送, body, 落款, date, 抄送). Pure: the data is gathered and checked in document.service.ts.
 */

/** One member of the family as the generating caller may read it (null fields: not readable or not recorded). */
export interface FamilyMember {
  name: string;
  relationship: string;
  sex: string;
  birthDate: string | null;
  /** Masked (141023********1234) unless the form needs it in full (附件3, revealed and audited). */
  idNumber: string | null;
  exited: boolean;
}

export interface Family {
  address: string | null;
  members: FamilyMember[];
}

export interface LetterContext {
  found: Case;
  number: string | null;
  date: string;
  /** Organisation names by id. */
  names: Map<string, string>;
  /** Null when the caller may not read the household: the letter then names no one. */
  family: Family | null;
}

const AREA = {
  [LifeArea.EDUCATION]: '教育',
  [LifeArea.ELDERLY_CARE]: '养老',
  [LifeArea.MEDICAL]: '医疗',
  [LifeArea.EMPLOYMENT]: '就业',
  [LifeArea.HOUSING]: '住房',
  [LifeArea.MENTAL_HEALTH]: '心理健康',
} as const;

export const KIND_NAMES: Record<ReferralKind, string> = {
  [ReferralKind.SOCIAL_ASSISTANCE]: '社会救助',
  [ReferralKind.RURAL_SUPPORT]: '防止返贫动态监测帮扶',
  [ReferralKind.EDUCATION_AID]: '教育救助',
  [ReferralKind.ELDERLY_CARE]: '养老服务',
  [ReferralKind.MEDICAL_AID]: '医疗救助',
  [ReferralKind.EMPLOYMENT_AID]: '就业救助',
  [ReferralKind.HOUSING_AID]: '住房救助',
  [ReferralKind.MENTAL_HEALTH]: '心理疏导',
  [ReferralKind.JUDICIAL_ASSISTANCE]: '司法救助',
  [ReferralKind.LEGAL_AID]: '法律援助',
  [ReferralKind.OTHER]: '其他救助',
};

const RELATIONSHIP: Record<string, string> = {
  SELF: '户主',
  SPOUSE: '配偶',
  CHILD: '子女',
  GRANDCHILD: '孙子女',
  GRANDPARENT: '祖父母',
  PARENT: '父母',
  SIBLING: '兄弟姐妹',
  OTHER: '其他',
};

const DECLINE: Partial<Record<DeclineReason, string>> = {};

const name = (ctx: LetterContext, id: string | null) => (id ? (ctx.names.get(id) ?? '（单位）') : '（单位）');

function memberLine(member: FamilyMember): string {
  const parts = [
    member.name,
    RELATIONSHIP[member.relationship] ?? member.relationship,
    member.sex === 'FEMALE' ? '女' : member.sex === 'MALE' ? '男' : null,
    member.birthDate ? `${member.birthDate.slice(0, 4)}年生` : null,
    member.idNumber ? `身份证号 ${member.idNumber}` : null,
    member.exited ? '已故或已迁出' : null,
  ];
  return parts.filter(Boolean).join('，');
}

function familyRows(ctx: LetterContext): { label: string; text: string }[] {
  if (!ctx.family) return [{ label: '家庭成员', text: '（本单位无权查阅户籍信息，由户籍地公安机关填写）' }];
  return [
    { label: '家庭住址', text: ctx.family.address ?? '（未登记）' },
    ...ctx.family.members.map((member, i) => ({ label: i === 0 ? '家庭成员' : '', text: memberLine(member) })),
  ];
}

/** 附件2 山西省公安机关社会救助走访函 (七(一)): the handling unit to the police of the family's hukou county. */
export function visitLetter(ctx: LetterContext): LetterLayout {
  const issuer = ctx.found.originOrganisationId ?? ctx.found.leadOrganisationId;
  return {
    title: '山西省公安机关社会救助走访函',
    subtitle: '襄政办发〔2023〕26号 附件2',
    number: ctx.number,
    addressee: name(ctx, ctx.found.leadOrganisationId),
    body: [
      `我单位在办理非正常死亡案（事）件中，已确认当事人基本信息。案（事）件概况：${ctx.found.summary}。当事人家庭成员户籍在你县，基本情况见下表。`,
      '根据《襄汾县在办理非正常死亡案(事)件中社会救助工作实施方案》（襄政办发〔2023〕26号）七(一)(二)，请你局牵头部门在收到本函后3个工作日内组织户籍地派出所会同村(居)民委员会开展实地走访，详细了解当事人家庭成员教育、养老、医疗、就业、住房、心理健康等实际生活状况，形成书面记录，并结合家庭成员意愿帮助其填写《救助信息推送申请》。',
      '本函同时抄送本级公安机关牵头部门留存。',
    ],
    table: familyRows(ctx),
    signatory: name(ctx, issuer),
    sealNote: '（盖章）',
    date: ctx.date,
  };
}

/** 附件3 救助信息推送申请 (七(二)): the family asks that its information be pushed to the agencies. */
export function referralRequest(ctx: LetterContext, visit: Visit, readsSensitive: boolean): LetterLayout {
  const applicant = ctx.family?.members.find((m) => !m.exited) ?? null;
  const needs = visit.findings
    .filter((f) => f.needsHelp && (readsSensitive || !SENSITIVE_AREAS.includes(f.area)))
    .map((f) => AREA[f.area]);
  const kinds = visit.requestedKinds.map((k) => KIND_NAMES[k]);
  return {
    title: '救助信息推送申请',
    subtitle: '襄政办发〔2023〕26号 附件3',
    number: null,
    addressee: name(ctx, ctx.found.leadOrganisationId),
    body: [
      `本人${applicant ? applicant.name : '（申请人）'}，系非正常死亡案（事）件当事人家庭成员。因家庭遭遇变故，生活存在困难${
        needs.length ? `，主要在${needs.join('、')}等方面` : ''
      }。`,
      `本人自愿申请将家庭情况推送至相关社会救助部门${kinds.length ? `，申请${kinds.join('、')}` : ''}，并同意相关部门为核实救助条件查询、使用本家庭的相关信息。`,
      ...(visit.note ? [`补充说明：${visit.note}`] : []),
    ],
    table: familyRows(ctx),
    signatory: `申请人：${applicant ? applicant.name : ''}（签名或按手印）`,
    date: visit.visitedOn,
  };
}

/** 附件4 推送函 (七(三)): the lead department to an agency, sealed by the county public-security bureau. */
export function pushLetter(ctx: LetterContext, referral: Referral): LetterLayout {
  const measures = referral.requestedMeasures.length ? referral.requestedMeasures.join('；') : '按政策核实并给予救助';
  return {
    title: '山西省公安机关办理非正常死亡案（事）件社会救助信息推送函',
    subtitle: '襄政办发〔2023〕26号 附件4',
    number: ctx.number,
    addressee: name(ctx, referral.toOrganisationId),
    body: [
      `我局在办理非正常死亡案（事）件中，经户籍地派出所会同村(居)民委员会走访，当事人家庭生活困难，可能符合${KIND_NAMES[referral.kind]}条件。案（事）件概况：${ctx.found.summary}。`,
      `救助建议：${measures}。${referral.note ? `说明：${referral.note}。` : ''}`,
      `请你单位对当事人家庭成员实际生活情况进行核实，按照相关政策规定做好救助工作，并在收到本函1个月内${
        referral.dueDate
          ? `（${referral.dueDate.slice(0, 4)}年${Number(referral.dueDate.slice(5, 7))}月${Number(referral.dueDate.slice(8))}日前）`
          : ''
      }将已采取、拟采取的救助措施或不予救助的原因书面函复我局（襄政办发〔2023〕26号 七(四)(五)）。`,
    ],
    table: familyRows(ctx),
    signatory: name(ctx, referral.fromOrganisationId),
    sealNote: '（县公安局印章：纸质用印或经电子印章系统用印）',
    date: ctx.date,
  };
}

/** 附件5 走访记录 (七(二)): the six areas of the family's life as the visitors found them. */
export function visitRecord(ctx: LetterContext, visit: Visit, readsSensitive: boolean): LetterLayout {
  const rows = Object.values(LifeArea).map((area) => {
    const finding = visit.findings.find((f) => f.area === area);
    const hidden = SENSITIVE_AREAS.includes(area) && !readsSensitive;
    return {
      label: AREA[area],
      text: !finding
        ? '（未记录）'
        : hidden
          ? '（健康信息，仅限有权查阅者）'
          : `${finding.situation}${finding.needsHelp ? '（需要帮扶）' : ''}`,
    };
  });
  const visitors = visit.visitorOrganisationIds.map((id) => name(ctx, id)).join('、');
  return {
    title: '走访记录',
    subtitle: '襄政办发〔2023〕26号 附件5',
    number: null,
    addressee: null,
    body: [
      `走访时间：${visit.visitedOn.slice(0, 4)}年${Number(visit.visitedOn.slice(5, 7))}月${Number(visit.visitedOn.slice(8))}日。走访单位：${visitors}。`,
      `案（事）件概况：${ctx.found.summary}。`,
      `家庭意愿：${visit.referralRequested ? `申请救助信息推送${visit.requestedKinds.length ? `（${visit.requestedKinds.map((k) => KIND_NAMES[k]).join('、')}）` : ''}` : '暂不申请救助信息推送'}。`,
      ...(visit.note ? [`备注：${visit.note}`] : []),
    ],
    table: [...familyRows(ctx), ...rows],
    signatory: `走访单位：${visitors}`,
    date: visit.visitedOn,
  };
}

/** 七(五) 书面函复: the agency's answer, the original to the lead department, copies to the station and the handling unit. */
export function answerLetter(ctx: LetterContext, referral: Referral, copiesTo: string[]): LetterLayout {
  const declined = referral.declinedOn !== null;
  const on = referral.answeredOn ?? referral.declinedOn ?? ctx.date;
  const body = [
    `你局${referral.sentOn.slice(0, 4)}年${Number(referral.sentOn.slice(5, 7))}月${Number(referral.sentOn.slice(8))}日推送的非正常死亡案（事）件当事人家庭救助信息（${ctx.found.summary}）收悉。经核实，现将办理情况函复如下：`,
  ];
  if (referral.measuresTaken.length) {
    body.push('已采取、拟采取的救助措施：');
    referral.measuresTaken.forEach((measure, i) => body.push(`${i + 1}. ${measure}`));
  }
  if (referral.refusalReason) body.push(`不予救助的原因：${referral.refusalReason}`);
  if (declined) {
    body.push(
      `不予救助的原因：${DECLINE[referral.declineReason!] ?? referral.declineReason}。${referral.declineExplanation ?? ''}`,
    );
  }
  body.push('特此函复（襄政办发〔2023〕26号 七(五)）。');
  return {
    title: '关于社会救助信息推送的函复',
    subtitle: '襄政办发〔2023〕26号 七(五) 书面函复',
    number: ctx.number,
    addressee: name(ctx, referral.fromOrganisationId),
    body,
    signatory: name(ctx, referral.toOrganisationId),
    sealNote: '（盖章）',
    date: on,
    copiesTo,
  };
}
