import { BrowserRouter } from 'react-router-dom';
import { Admin, Resource } from 'react-admin';
import { authProvider } from './auth/auth-provider';
import { dataProvider } from './data/data-provider';
import { i18nProvider } from './i18n';
import { Layout } from './layout/Layout';
import { RESOURCES } from './resources';
import { theme } from './theme';

/** The console: every resource in resources.ts, signed in through the gateway, in zh-CN unless switched. */
export function App() {
  // Real paths under /admin/ (not a #hash), so every page has an address to share; the gateway answers
  // any of them with the app (SPA fallback).
  return (
    <BrowserRouter basename="/admin">
      <Admin
        title="兜底"
        authProvider={authProvider}
        dataProvider={dataProvider}
        i18nProvider={i18nProvider}
        layout={Layout}
        theme={theme}
        requireAuth
        disableTelemetry
      >
        {RESOURCES.map((resource) => (
          <Resource
            key={resource.name}
            name={resource.name}
            icon={resource.icon}
            list={resource.list}
            show={resource.show}
            create={resource.create}
            edit={resource.edit}
            recordRepresentation={resource.recordRepresentation}
          >
            {resource.routes}
          </Resource>
        ))}
      </Admin>
    </BrowserRouter>
  );
}
