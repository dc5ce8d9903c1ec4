import type { DataProvider } from 'react-admin';
import { RESOURCES } from '../resources';
import type { ResourceData } from '../resource';

const handler = <K extends keyof ResourceData>(resource: string, method: K): NonNullable<ResourceData[K]> => {
  const found = RESOURCES.find((r) => r.name === resource)?.data[method];
  if (!found) throw new Error(`The console has no ${method} for ${resource}`);
  return found as NonNullable<ResourceData[K]>;
};

/**
 * react-admin's data provider over the gateway: each call goes to the resource's own typed documents
 * (resources.ts). Methods a resource does not offer fail loudly instead of guessing a query.
 */
export const dataProvider = {
  getList: (resource, params) => handler(resource, 'getList')(resource, params),
  getOne: (resource, params) => handler(resource, 'getOne')(resource, params),
  getMany: (resource, params) => handler(resource, 'getMany')(resource, params),
  getManyReference: (resource, params) => handler(resource, 'getManyReference')(resource, params),
  create: (resource, params) => handler(resource, 'create')(resource, params),
  update: (resource, params) => handler(resource, 'update')(resource, params),
  delete: (resource, params) => handler(resource, 'delete')(resource, params),
  updateMany: () => Promise.reject(new Error('updateMany is not offered')),
  deleteMany: () => Promise.reject(new Error('deleteMany is not offered')),
} as DataProvider;
