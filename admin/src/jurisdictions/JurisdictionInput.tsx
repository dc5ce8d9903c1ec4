import { useInput, useTranslate } from 'react-admin';
import { JurisdictionPicker } from './JurisdictionPicker';

/** The division tree as a react-admin input (a list filter, a form field). */
export function JurisdictionInput({
  source,
  label,
  emptyLabel,
}: {
  source: string;
  label?: string;
  emptyLabel?: string;
  alwaysOn?: boolean;
}) {
  const translate = useTranslate();
  const { field } = useInput({ source });
  return (
    <JurisdictionPicker
      value={field.value as string | null}
      onChange={field.onChange}
      label={label ? translate(label, { _: label }) : undefined}
      emptyLabel={emptyLabel ? translate(emptyLabel) : undefined}
    />
  );
}
