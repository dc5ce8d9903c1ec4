import type { Constructor } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { NonEmptyArray } from 'type-graphql';
import type { ReferenceResolvers } from './federation.js';
import type { LoaderRequest } from './subgraph.js';

/**
 * The face of one aggregate folder (its index.ts): everything a subgraph wires in from it. A subgraph lists
 * its faces once (aggregates.ts); its ORM entities, schema and per-request loaders are built from that list,
 * so adding an aggregate is a new folder and one line there.
 */
export interface Aggregate<Loaders extends object = object> {
  /** MikroORM entities the folder owns. */
  entities?: readonly Constructor<object>[];
  /** type-graphql resolver classes. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers?: readonly Function[];
  /** Federation `__resolveReference` by type name: one folder answers for each entity type. */
  referenceResolvers?: ReferenceResolvers;
  /** Per-request DataLoaders: made afresh for every request, never shared between requests. */
  loaders?(em: EntityManager, request: LoaderRequest): Loaders;
}

type LoadersOfOne<A> = A extends Aggregate<infer L> ? L : never;
type Intersect<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
/** The loaders of every face of a list, as one object type. */
export type LoadersOf<A extends readonly Aggregate<object>[]> = Intersect<LoadersOfOne<A[number]>>;

/** Keeps a face's own loader type (for LoadersOf) while checking it is a face. */
export const aggregate = <Loaders extends object = object>(face: Aggregate<Loaders>): Aggregate<Loaders> => face;

/** The entities of every face. */
export const entitiesOf = (faces: readonly Aggregate<object>[]): Constructor<object>[] =>
  faces.flatMap((face) => face.entities ?? []);

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function resolversOf(faces: readonly Aggregate<object>[]): NonEmptyArray<Function> {
  const resolvers = faces.flatMap((face) => face.resolvers ?? []);
  if (!resolvers.length) throw new Error('a subgraph needs at least one resolver');
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  return resolvers as NonEmptyArray<Function>;
}

/** The reference resolvers of every face; two faces answering for one type is a wiring mistake. */
export function referenceResolversOf(faces: readonly Aggregate<object>[]): ReferenceResolvers {
  const merged: ReferenceResolvers = {};
  for (const face of faces) {
    for (const [type, resolver] of Object.entries(face.referenceResolvers ?? {})) {
      if (merged[type]) throw new Error(`two aggregates resolve references to ${type}`);
      merged[type] = resolver;
    }
  }
  return merged;
}

/** createLoaders for a subgraph: each request gets every face's loaders; two faces naming one loader is a mistake. */
export function loadersOf<A extends readonly Aggregate<object>[]>(faces: A) {
  return (em: EntityManager, request: LoaderRequest): LoadersOf<A> => {
    const loaders: Record<string, unknown> = {};
    for (const face of faces) {
      for (const [name, loader] of Object.entries(face.loaders?.(em, request) ?? {})) {
        if (name in loaders) throw new Error(`two aggregates make the loader ${name}`);
        loaders[name] = loader;
      }
    }
    return loaders as LoadersOf<A>;
  };
}
