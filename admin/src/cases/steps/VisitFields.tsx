import { Box, Typography } from '@mui/material';
import { BooleanInput, TextInput, maxLength, required, useTranslate } from 'react-admin';
import { LIFE_AREAS } from '../enums';

/**
 * 襄政办发〔2023〕26号 七(二): the family's situation in each of the six life areas, and whether it needs help there.
 * A death case's visit must cover all six (the API refuses fewer); other visits send the areas filled in.
 */
export function VisitFields({ allAreas }: { allAreas: boolean }) {
  const translate = useTranslate();
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
      <Typography component="legend" variant="subtitle1" sx={{ mb: 1 }}>
        {translate(allAreas ? 'doudi.cases.visit.all_areas' : 'doudi.cases.visit.some_areas')}
      </Typography>
      {LIFE_AREAS.map((area, i) => (
        <Box key={area} sx={{ display: 'flex', gap: 2, alignItems: 'flex-start' }}>
          <TextInput
            source={`findings.${i}.situation`}
            label={translate(`doudi.cases.enums.LifeArea.${area}`)}
            validate={allAreas ? [required(), maxLength(4000)] : [maxLength(4000)]}
            multiline
            sx={{ flex: 1 }}
          />
          <BooleanInput source={`findings.${i}.needsHelp`} label="doudi.cases.fields.needsHelp" defaultValue={false} />
        </Box>
      ))}
    </Box>
  );
}
