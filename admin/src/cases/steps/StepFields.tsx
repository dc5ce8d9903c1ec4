import {
  BooleanInput,
  CheckboxGroupInput,
  NumberInput,
  SelectInput,
  TextInput,
  maxLength,
  maxValue,
  minValue,
  required,
  useTranslate,
  type Validator,
} from 'react-admin';
import { today } from '../../format';
import { OrganisationInput } from '../../organisations/OrganisationInput';
import type { StepField } from './step';

/** A date the API takes: YYYY-MM-DD that exists, and for a step's own date not after today. */
export const dateValidator =
  (notFuture?: boolean): Validator =>
  (value: unknown) => {
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'doudi.cases.validation.date';
    if (notFuture && value > today()) return 'doudi.cases.validation.not_future';
    return undefined;
  };

/** Measures one a line: at most `max` lines of at most 500 characters (the API's textList). */
const linesValidator =
  (max: number): Validator =>
  (value: unknown) => {
    if (typeof value !== 'string') return undefined;
    const entries = value.split('\n').filter((line) => line.trim());
    if (entries.length > max) return { message: 'doudi.cases.validation.lines_count', args: { max } };
    if (entries.some((line) => line.trim().length > 500)) return 'doudi.cases.validation.line_length';
    return undefined;
  };

function validatorsOf(field: StepField): Validator[] {
  const checks: Validator[] = field.required ? [required()] : [];
  if ((field.kind === 'text' || field.kind === 'multiline') && field.max) checks.push(maxLength(field.max));
  if (field.kind === 'lines') checks.push(linesValidator(field.max ?? 50));
  if (field.kind === 'date') checks.push(dateValidator(field.notFuture));
  if (field.kind === 'number') {
    if (field.min !== undefined) checks.push(minValue(field.min));
    if (field.max !== undefined) checks.push(maxValue(field.max));
  }
  return checks;
}

function OrganisationField({ field, jurisdictionCode }: { field: StepField; jurisdictionCode: string }) {
  // The case's county and below, searched on the server as one types (a county has hundreds of offices).
  return (
    <OrganisationInput
      source={field.name}
      label={field.label ?? `doudi.cases.fields.${field.name}`}
      jurisdictionCode={`${jurisdictionCode.slice(0, 6)}000000`}
      validate={validatorsOf(field)}
    />
  );
}

/** One input per field, labelled in the console's language and checked as the API checks it. */
export function StepFields({ fields, jurisdictionCode }: { fields: StepField[]; jurisdictionCode: string }) {
  const translate = useTranslate();
  return (
    <>
      {fields.map((field) => {
        const common = {
          source: field.name,
          label: field.label ?? `doudi.cases.fields.${field.name}`,
          validate: validatorsOf(field),
        };
        const choices = (field.choices ?? []).map((id) => ({
          id,
          name: translate(`doudi.cases.enums.${field.enumName}.${id}`),
        }));
        switch (field.kind) {
          case 'date':
            // A native date field: the browser's own picker, the value YYYY-MM-DD as the API takes it.
            return <TextInput key={field.name} {...common} type="date" InputLabelProps={{ shrink: true }} fullWidth />;
          case 'text':
            return <TextInput key={field.name} {...common} fullWidth />;
          case 'multiline':
            return <TextInput key={field.name} {...common} multiline minRows={2} fullWidth />;
          case 'lines':
            return (
              <TextInput
                key={field.name}
                {...common}
                multiline
                minRows={3}
                helperText="doudi.cases.validation.one_a_line"
                fullWidth
              />
            );
          case 'select':
            return <SelectInput key={field.name} {...common} choices={choices} fullWidth />;
          case 'multiselect':
            return <CheckboxGroupInput key={field.name} {...common} choices={choices} row />;
          case 'organisation':
            return <OrganisationField key={field.name} field={field} jurisdictionCode={jurisdictionCode} />;
          case 'boolean':
            return <BooleanInput key={field.name} {...common} />;
          case 'number':
            return <NumberInput key={field.name} {...common} step={1} />;
        }
      })}
    </>
  );
}
