import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';
import { DEFAULT_PORTS, SUBGRAPHS, type SubgraphName } from '@doudi/shared';

export interface SubgraphSdl {
  name: SubgraphName;
  sdl: string;
}

/** The URL written into the committed supergraph; the gateway may override it per subgraph (<NAME>_URL). */
export const defaultSubgraphUrl = (name: SubgraphName) => `http://localhost:${DEFAULT_PORTS[name]}/graphql`;

/** Composes the subgraphs' SDL into the supergraph, or throws with every composition error. */
export function composeSupergraph(subgraphs: SubgraphSdl[]): string {
  const ordered = [...subgraphs].sort((a, b) => SUBGRAPHS.indexOf(a.name) - SUBGRAPHS.indexOf(b.name));
  const result = composeServices(
    ordered.map((s) => ({ name: s.name, url: defaultSubgraphUrl(s.name), typeDefs: parse(s.sdl) })),
  );
  if (result.errors?.length || !result.supergraphSdl) {
    throw new Error(`Composition failed:\n${(result.errors ?? []).map((e) => `- ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}
