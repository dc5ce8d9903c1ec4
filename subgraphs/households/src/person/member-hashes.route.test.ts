import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkCharacter,
  createVault,
  deliverySigner,
  INTERNAL_ROUTES,
  internalRouteUrl,
  newId,
  postSigned,
  shanghaiDate,
} from '@doudi/shared';
import { ok, startTestSubgraph, testEnv, testKeys } from '@doudi/shared/testing';
import { households } from '../index.js';

let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph(households);
});
afterAll(() => subgraph?.stop());

const idOf = (first17: string) => first17 + checkCharacter(first17);
const HEAD = idOf('14102319750301001');
const GRANDMOTHER = idOf('14102319400101002');
const ask = async (from: 'programmes' | 'cases', householdIds: string[]) => {
  const signer = await deliverySigner((await testKeys()).service, from);
  const url = internalRouteUrl(subgraph.url, INTERNAL_ROUTES.memberIdHashes);
  return postSigned(signer, 'households', url, { householdIds }, 5_000);
};

describe('members’ keyed ID hashes for filing a proposal (备案, 临社救办发〔2015〕3号 二(一))', () => {
  it('answers programmes the hashes of the members still there and the household’s village, never a number', async () => {
    const household = ok(
      await subgraph.query(
        `mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { household { id members { nodes { id name } } } } }`,
        {
          input: {
            jurisdictionCode: '141023100201',
            members: [
              { name: '户主', sex: 'MALE', relationshipToHead: 'SELF', idNumber: HEAD },
              { name: '奶奶', sex: 'FEMALE', relationshipToHead: 'PARENT', idNumber: GRANDMOTHER },
              { name: '孩子', sex: 'MALE', relationshipToHead: 'CHILD', birthDate: '2015-01-01' },
            ],
          },
        },
      ),
    ).createHousehold.household;
    ok(
      await subgraph.query(`mutation($input: RecordMemberExitInput!) { recordMemberExit(input: $input) { changed } }`, {
        input: {
          personId: household.members.nodes.find((m: { name: string }) => m.name === '奶奶').id,
          kind: 'DEATH',
          on: shanghaiDate(),
          source: '死亡医学证明',
        },
      }),
    );
    const response = await ask('programmes', [household.id, newId()]);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(HEAD.slice(6, 14));
    const vault = createVault(Buffer.from((await testEnv()).PERSONAL_DATA_KEY, 'base64'));
    expect(JSON.parse(text)).toEqual({
      households: { [household.id]: { villageCodes: ['141023100201'], idNumberHashes: [vault.lookupHash(HEAD)] } },
    });
  });

  it('answers no one but programmes', async () => {
    expect((await ask('cases', [newId()])).status).toBe(401);
    const unsigned = await fetch(internalRouteUrl(subgraph.url, INTERNAL_ROUTES.memberIdHashes), {
      method: 'POST',
      body: JSON.stringify({ householdIds: [newId()] }),
    });
    expect(unsigned.status).toBe(401);
  });
});
