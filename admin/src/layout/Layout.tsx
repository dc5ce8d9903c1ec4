import { useEffect, type ReactNode } from 'react';
import { AppBar, Layout as RaLayout, Logout, TitlePortal, UserMenu, useGetIdentity, useLocaleState } from 'react-admin';
import { SessionDialog } from './SessionDialog';
import { NotificationsBell } from '../inbox';

/** The account menu, named by what it shows (the account and its organisation) for screen readers too. */
function AccountMenu() {
  const { identity } = useGetIdentity();
  return (
    <UserMenu label={identity?.fullName ?? 'ra.auth.user_menu'}>
      <Logout />
    </UserMenu>
  );
}

function ConsoleAppBar() {
  return (
    // alwaysOn: the bar does not hide on scroll (it vanished from full-page screenshots of long pages, the dashboard’s).
    <AppBar userMenu={<AccountMenu />} alwaysOn>
      <TitlePortal />
      <NotificationsBell />
    </AppBar>
  );
}

/** react-admin's layout (its app bar has the language switch), the page language for screen readers, and the sign-in dialog. */
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
