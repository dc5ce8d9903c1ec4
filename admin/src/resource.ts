import type { ComponentType, ReactNode } from 'react';
import type { DataProvider } from 'react-admin';

/** A permission as `me.permissions` lists it (the API's Scope enum). */
export type Scope = string;

/** The data-provider methods a resource answers, each over its own GraphQL documents. */
export type ResourceData = Partial<
  Pick<DataProvider, 'getList' | 'getOne' | 'getMany' | 'getManyReference' | 'create' | 'update' | 'delete'>
>;

/**
 * One page family of the console: its screens, its data and the permissions that open it. Adding a resource is
 * a folder exporting one of these, listed in resources.ts — the app, the menu, the data provider and canAccess
 * all read that list.
 */
export interface ConsoleResource {
  name: string;
  icon?: ComponentType;
  list?: ComponentType;
  show?: ComponentType;
  create?: ComponentType;
  edit?: ComponentType;
  /** Extra pages under /<name>/… (react-router <Route> elements). */
  routes?: ReactNode;
  recordRepresentation?: string;
  data: ResourceData;
  /** The permission to read (list, show) and to change (create, edit, delete and the resource's own actions). */
  access: { read: Scope; write: Scope };
}
