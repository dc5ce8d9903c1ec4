import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ImportProblemCode } from './import.columns.js';
import { ImportFormat } from './import.parse.js';

registerEnumType(ImportFormat, { name: 'ImportFormat', description: 'How a household list is saved.' });
registerEnumType(ImportProblemCode, {
  name: 'ImportProblemCode',
  description: 'What is wrong with a row (or, on row 1, with the header) of a household list.',
});

@InputType()
export class ImportHouseholdsInput {
  @Field(() => String, { description: 'The name of the file as the user chose it (kept in the audit log).' })
  fileName: string;

  @Field(() => ImportFormat)
  format: ImportFormat;

  @Field(() => String, {
    description:
      'The file, base64. CSV in UTF-8 (with or without BOM) or GB18030/GBK; XLSX: the first sheet. Row 1 holds ' +
      'the headers: 户编号, 户籍地区划代码, 家庭住址, 姓名, 性别, 出生日期, 与户主关系, 身份证号, 联系电话 (or the ' +
      'English field names); rows sharing a 户编号 form one household.',
  })
  contentBase64: string;

  @Field(() => Boolean, { description: 'true: only check the file and report every problem; nothing is written.' })
  dryRun: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Send the same key when retrying an import; the file goes in once.',
  })
  idempotencyKey?: string;
}

@ObjectType({ description: 'One problem of one row.' })
export class ImportProblem {
  @Field(() => Int, { description: 'The row as the spreadsheet numbers it (the header is row 1).' })
  row: number;

  @Field(() => String, { nullable: true, description: 'The column header as written in the file.' })
  column: string | null;

  @Field(() => String, { nullable: true, description: 'The 户编号 of the row.' })
  householdKey: string | null;

  @Field(() => ImportProblemCode)
  code: ImportProblemCode;

  @Field(() => String)
  message: string;
}

@ObjectType({ description: 'What an import found and did. A file goes in whole, or not at all.' })
export class ImportReport {
  @Field(() => String)
  fileName: string;

  @Field(() => String, { description: 'SHA-256 of the file: the audit log names the import by it.' })
  fileSha256: string;

  @Field(() => Boolean)
  dryRun: boolean;

  @Field(() => Int, { description: 'Data rows (empty rows are not counted).' })
  rows: number;

  @Field(() => Int)
  households: number;

  @Field(() => Int)
  people: number;

  @Field(() => Boolean, {
    description: 'true when the file was written; false for a dry run or if any problem exists.',
  })
  imported: boolean;

  @Field(() => [ImportProblem], { description: 'Every problem, in row order.' })
  problems: ImportProblem[];

  @Field(() => [String], { description: 'Headers that match no known column: their cells were not read.' })
  ignoredColumns: string[];
}
