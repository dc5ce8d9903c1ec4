import { registerEnumType } from 'type-graphql';

/** Who raised a benefit for review (临社救办发〔2015〕3号 二(二): 动态管理). */
export enum ReviewFlagSource {
  SCREENING = 'SCREENING',
  PERIODIC = 'PERIODIC',
  MANUAL = 'MANUAL',
}
registerEnumType(ReviewFlagSource, {
  name: 'ReviewFlagSource',
  valuesConfig: {
    SCREENING: { description: 'Screening found the household no longer meets the rule (facts or standards changed).' },
    PERIODIC: { description: 'The periodic review date of the programme came.' },
    MANUAL: { description: 'Flagged by a caseworker.' },
  },
});

/** What a review decided. */
export enum ReviewOutcome {
  CONTINUE = 'CONTINUE',
  ADJUST = 'ADJUST',
  END = 'END',
}
registerEnumType(ReviewOutcome, {
  name: 'ReviewOutcome',
  valuesConfig: {
    CONTINUE: { description: 'Still qualifies: the flag is cleared and the next review date set.' },
    ADJUST: {
      description:
        'Still qualifies at another amount: the flag is cleared, the next review date set; a dibao or tekun takes ' +
        'newAmount from newAmountFrom on (its SCHEDULED payments, never a paid month); other relief proposes the new ' +
        'amount as a new benefit.',
    },
    END: {
      description:
        'No longer qualifies: a public notice of the ending (公示) starts; the benefit ends when it closes without an upheld objection.',
    },
  },
});
