import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Breadcrumbs,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Link,
  List,
  ListItemButton,
  ListItemText,
  TextField,
  Typography,
} from '@mui/material';
import AccountTreeIcon from '@mui/icons-material/AccountTree';
import { useTranslate } from 'react-admin';
import { execute } from '../data/client';
import { JURISDICTIONS } from './documents';
import { isWithin, type Level } from './subtree';
import { useJurisdiction, useWorkingJurisdiction } from './use-jurisdiction';

interface Props {
  value: string | null | undefined;
  onChange: (code: string) => void;
  label?: string;
  /** What no choice means on this form (by default: every province, the filters' meaning). */
  emptyLabel?: string;
}

/**
 * The division tree: breadcrumbs from the person's root down to the division shown, its children to go
 * further down, and a search by name within the same tree. A JURISDICTION_ADMIN never sees above their
 * own division; a SYSTEM_ADMIN starts from every province.
 */
export function JurisdictionPicker({ value, onChange, label, emptyLabel }: Props) {
  const translate = useTranslate();
  const { root } = useWorkingJurisdiction();
  const [open, setOpen] = useState(false);
  const chosen = useJurisdiction(value);
  const title = label ?? translate('doudi.jurisdiction.label');
  const empty = emptyLabel ?? translate('doudi.jurisdiction.all_provinces');
  return (
    <>
      <Button
        variant="outlined"
        startIcon={<AccountTreeIcon />}
        onClick={() => setOpen(true)}
        aria-label={`${title}：${chosen.data?.name ?? empty}`}
        sx={{ minHeight: 40, textTransform: 'none' }}
      >
        {title}：{chosen.data?.name ?? (value ? '…' : empty)}
      </Button>
      {open && (
        <TreeDialog
          root={root}
          start={value ?? root?.code ?? null}
          onClose={() => setOpen(false)}
          onChoose={(code) => {
            onChange(code);
            setOpen(false);
          }}
        />
      )}
    </>
  );
}

function TreeDialog(props: {
  root: { code: string; name: string; level: string } | null;
  start: string | null;
  onClose: () => void;
  onChoose: (code: string) => void;
}) {
  const translate = useTranslate();
  const [at, setAt] = useState<string | null>(props.start);
  const [search, setSearch] = useState('');
  const current = useJurisdiction(at);
  const root = props.root ? { code: props.root.code, level: props.root.level as Level } : null;
  const inTree = (code: string) => !root || isWithin(code, root);
  const provinces = useQuery({
    queryKey: ['jurisdictions', 'PROVINCE'],
    queryFn: () => execute(JURISDICTIONS, { filter: { level: 'PROVINCE' } }).then((d) => d.jurisdictions.nodes),
    enabled: !at,
  });
  const found = useQuery({
    queryKey: ['jurisdictions', 'search', search],
    queryFn: () => execute(JURISDICTIONS, { filter: { nameContains: search } }).then((d) => d.jurisdictions.nodes),
    enabled: search.trim().length > 0,
  });
  const trail = (current.data?.ancestors ?? []).filter((a) => inTree(a.code));
  const children = at ? (current.data?.children.nodes ?? []) : (provinces.data ?? []);
  const shown = search.trim() ? (found.data ?? []).filter((j) => inTree(j.code)) : children;
  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="sm" aria-labelledby="jurisdiction-dialog-title">
      <DialogTitle id="jurisdiction-dialog-title">{translate('doudi.jurisdiction.pick')}</DialogTitle>
      <DialogContent>
        <TextField
          label={translate('doudi.jurisdiction.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          fullWidth
          size="small"
          margin="dense"
        />
        {!search.trim() && (
          <Breadcrumbs aria-label={translate('doudi.jurisdiction.label')} sx={{ my: 1 }}>
            {!root && (
              <Link component="button" type="button" onClick={() => setAt(null)}>
                {translate('doudi.jurisdiction.all_provinces')}
              </Link>
            )}
            {trail.map((a) => (
              <Link key={a.code} component="button" type="button" onClick={() => setAt(a.code)}>
                {a.name}
              </Link>
            ))}
            {current.data && <Typography color="text.primary">{current.data.name}</Typography>}
          </Breadcrumbs>
        )}
        <List dense sx={{ maxHeight: 320, overflow: 'auto' }}>
          {shown.map((j) => (
            <ListItemButton
              key={j.code}
              onClick={() => {
                setSearch('');
                setAt(j.code);
              }}
            >
              <ListItemText primary={j.name} secondary={translate(`doudi.jurisdiction.levels.${j.level}`)} />
            </ListItemButton>
          ))}
          {!shown.length && at && !current.isLoading && (
            <Typography variant="body2" color="text.secondary" sx={{ p: 1 }}>
              {translate('doudi.jurisdiction.no_children')}
            </Typography>
          )}
        </List>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" disabled={!current.data} onClick={() => at && props.onChoose(at)}>
          {translate('doudi.jurisdiction.choose_this', { name: current.data?.name ?? '' })}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
