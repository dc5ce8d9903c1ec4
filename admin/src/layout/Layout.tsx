import { useEffect, type ComponentProps, type ReactNode } from 'react';
import {
  AppBar,
  Layout as RaLayout,
  LoadingIndicator,
  LocalesMenuButton,
  Logout,
  TitlePortal,
  UserMenu,
  useGetIdentity,
  useLocaleState,
  useTranslate,
} from 'react-admin';
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

/**
 * react-admin's own toolbar (the language switch, the loading indicator), with the indicator's spinner named:
 * react-admin leaves it nameless, and axe counts a nameless progress bar as a serious violation (WCAG 4.1.2).
 * LoadingIndicator hands props it does not know to the spinner.
 */
function ConsoleToolbar() {
  const translate = useTranslate();
  const named = { 'aria-label': translate('ra.page.loading') } as ComponentProps<typeof LoadingIndicator>;
  return (
    <>
      <LocalesMenuButton />
      <LoadingIndicator {...named} />
    </>
  );
}

function ConsoleAppBar() {
  return (
    // alwaysOn: the bar does not hide on scroll (it vanished from full-page screenshots of long pages, the dashboard’s).
    <AppBar userMenu={<AccountMenu />} toolbar={<ConsoleToolbar />} alwaysOn>
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
