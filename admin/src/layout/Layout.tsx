import { useEffect, type ReactNode } from 'react';
import { AppBar, Layout as RaLayout, LocalesMenuButton, TitlePortal, useLocaleState } from 'react-admin';
import { SessionDialog } from './SessionDialog';

function ConsoleAppBar() {
  return (
    <AppBar>
      <TitlePortal />
      <LocalesMenuButton />
    </AppBar>
  );
}

/** react-admin's layout with the language switch, the page language for screen readers, and the sign-in dialog. */
export function Layout({ children }: { children: ReactNode }) {
  const [locale] = useLocaleState();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <RaLayout appBar={ConsoleAppBar}>
      {children}
      <SessionDialog />
    </RaLayout>
  );
}
