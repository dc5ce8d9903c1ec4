import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { Member } from './data';
import { RevealableNumber } from './RevealButton';

/** Health and disability in words, or why they are not shown (the API answers null to roles that may not read them). */
function Health({ member, maySee }: { member: Member; maySee: boolean }) {
  const translate = useTranslate();
  if (!maySee || !member.health) return <em>{translate('doudi.households.sensitive_withheld')}</em>;
  const h = member.health;
  const facts = [
    h.disabilityCategory &&
      translate('doudi.households.disability', {
        category: translate(`doudi.households.enums.DisabilityCategory.${h.disabilityCategory}`),
        grade: h.disabilityGrade ?? '—',
      }),
    h.hasDisabilityCertificate && translate('doudi.households.facts.certificate'),
    h.seriousIllness && translate('doudi.households.facts.seriousIllness'),
    h.chronicIllness && translate('doudi.households.facts.chronicIllness'),
  ].filter(Boolean);
  return <>{facts.length ? facts.join('、') : translate('doudi.households.facts.none')}</>;
}

/** The members, head first: facts, masked numbers with their reveal, health only to those who may read it. */
export function MembersTable({
  members,
  mayReveal,
  maySeeHealth,
}: {
  members: Member[];
  mayReveal: boolean;
  maySeeHealth: boolean;
}) {
  const translate = useTranslate();
  const enumOf = (name: string, value: string | null | undefined) =>
    value ? translate(`doudi.households.enums.${name}.${value}`) : '—';
  const t = (key: string) => translate(`resources.households.fields.members.${key}`);
  return (
    <Table size="small" aria-label={translate('doudi.households.members')}>
      <TableHead>
        <TableRow>
          {['name', 'relationshipToHead', 'sex', 'birthDate', 'idNumber', 'phone', 'situation', 'health'].map((k) => (
            <TableCell key={k}>{t(k)}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {members.map((m) => (
          <TableRow key={m.id} data-member={m.name}>
            <TableCell>{m.name}</TableCell>
            <TableCell>{enumOf('RelationshipToHead', m.relationshipToHead)}</TableCell>
            <TableCell>{enumOf('Sex', m.sex)}</TableCell>
            <TableCell>{m.birthDate ?? '—'}</TableCell>
            <TableCell>
              <RevealableNumber
                personId={m.id}
                personName={m.name}
                field="ID_NUMBER"
                masked={m.idNumber}
                mayReveal={mayReveal}
              />
            </TableCell>
            <TableCell>
              <RevealableNumber
                personId={m.id}
                personName={m.name}
                field="PHONE"
                masked={m.phone}
                mayReveal={mayReveal}
              />
            </TableCell>
            <TableCell>
              {[
                enumOf('EmploymentStatus', m.employmentStatus),
                m.schoolingStage && enumOf('SchoolingStage', m.schoolingStage),
                m.workAbility && `${t('workAbility')}：${enumOf('WorkAbility', m.workAbility)}`,
                m.veteranStatus !== 'NONE' && enumOf('VeteranStatus', m.veteranStatus),
                m.orphan && translate('doudi.households.facts.orphan'),
                m.unattendedChild && translate('doudi.households.facts.unattendedChild'),
              ]
                .filter(Boolean)
                .join(' · ')}
            </TableCell>
            <TableCell>
              <Health member={m} maySee={maySeeHealth} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
