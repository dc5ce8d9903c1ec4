import { AutocompleteInput, ReferenceInput, type Validator } from 'react-admin';

interface Props {
  source: string;
  label?: string;
  /** Only organisations of this division or below (e.g. the case's county). */
  jurisdictionCode?: string;
  validate?: Validator | Validator[];
  helperText?: string | false;
}

/**
 * The organisation picker used everywhere (issue 14 item 5): a search box whose text goes to the API as
 * `nameContains` with the division, 20 active organisations a time — any office of a city of thousands can be
 * found, not only the first page of the directory.
 */
export function OrganisationInput({ source, label, jurisdictionCode, validate, helperText }: Props) {
  return (
    <ReferenceInput
      source={source}
      reference="organisations"
      filter={{ active: true, ...(jurisdictionCode ? { jurisdictionCode } : {}) }}
      sort={{ field: 'name', order: 'ASC' }}
      perPage={20}
    >
      <AutocompleteInput
        label={label ?? 'doudi.organisations.picker'}
        optionText="name"
        filterToQuery={(q: string) => ({ q })}
        validate={validate}
        helperText={helperText ?? 'doudi.organisations.picker_help'}
        fullWidth
      />
    </ReferenceInput>
  );
}
