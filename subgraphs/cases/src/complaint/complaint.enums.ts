import { registerEnumType } from 'type-graphql';

/** What a complaint or clue is about (临社救办发〔2015〕3号 二(一): 人情保、关系保、错保、漏保). */
export enum ComplaintKind {
  FAVOURITISM = 'FAVOURITISM',
  RELATIONSHIP = 'RELATIONSHIP',
  WRONGLY_GRANTED = 'WRONGLY_GRANTED',
  MISSED = 'MISSED',
  DEPARTMENT_CONDUCT = 'DEPARTMENT_CONDUCT',
}
registerEnumType(ComplaintKind, {
  name: 'ComplaintKind',
  valuesConfig: {
    FAVOURITISM: { description: '人情保: relief granted as a favour.' },
    RELATIONSHIP: { description: '关系保: relief granted through connections (e.g. relatives of staff).' },
    WRONGLY_GRANTED: { description: '错保: relief granted to a household that does not qualify.' },
    MISSED: { description: '漏保: a household that qualifies and receives nothing.' },
    DEPARTMENT_CONDUCT: {
      description: 'A department’s conduct (周政办字〔2017〕70号 六(三): 弄虚作假、不作为).',
    },
  },
});

/** How the complaint arrived. */
export enum ComplaintChannel {
  HOTLINE = 'HOTLINE',
  WINDOW = 'WINDOW',
  LETTER = 'LETTER',
  ONLINE = 'ONLINE',
  API = 'API',
}
registerEnumType(ComplaintChannel, {
  name: 'ComplaintChannel',
  description: 'How a complaint arrived: the supervision hotline, a service window, a letter, online, or an app.',
});

/** Where a complaint stands: received → being verified → verified → answered (件件有核实、事事有回音). */
export enum ComplaintStatus {
  RECEIVED = 'RECEIVED',
  VERIFYING = 'VERIFYING',
  VERIFIED = 'VERIFIED',
  ANSWERED = 'ANSWERED',
}
registerEnumType(ComplaintStatus, { name: 'ComplaintStatus' });

/** What the verification found. */
export enum ComplaintFinding {
  SUBSTANTIATED = 'SUBSTANTIATED',
  PARTLY_SUBSTANTIATED = 'PARTLY_SUBSTANTIATED',
  UNSUBSTANTIATED = 'UNSUBSTANTIATED',
}
registerEnumType(ComplaintFinding, { name: 'ComplaintFinding', description: '属实、部分属实、不属实.' });

/** How the complainant was answered. */
export enum AnswerChannel {
  PHONE = 'PHONE',
  SMS = 'SMS',
  LETTER = 'LETTER',
  IN_PERSON = 'IN_PERSON',
  PUBLIC_NOTICE = 'PUBLIC_NOTICE',
}
registerEnumType(AnswerChannel, {
  name: 'ComplaintAnswerChannel',
  description: 'How the finding reached the complainant; an anonymous complaint is answered by PUBLIC_NOTICE.',
});
