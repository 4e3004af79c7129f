import { GraphQLError } from 'graphql';
import { loadOrNotFound, rowLoader } from '../src/loaders';

const PET = '0b7c2f64-3a51-4c8e-9d6b-2f1e8a7c5d40';

function petLoader() {
  const asked: string[][] = [];
  const loader = rowLoader(
    async (ids: string[]) => {
      asked.push(ids);
      return ids.filter((id) => id === PET).map((id) => ({ id, name: 'Rex' }));
    },
    (row) => row.id,
  );
  return { loader, asked };
}

async function refusal(promise: Promise<unknown>): Promise<GraphQLError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  return error as GraphQLError;
}

describe('loadOrNotFound', () => {
  it('answers the row the loader holds for the id', async () => {
    const { loader } = petLoader();
    await expect(loadOrNotFound(loader, PET, 'Pet')).resolves.toEqual({ id: PET, name: 'Rex' });
  });

  it('throws the coded NOT_FOUND naming the type and id when there is no row', async () => {
    const { loader } = petLoader();
    const missing = '5d0a3c1e-7b2f-4e9a-8c6d-1a2b3c4d5e6f';
    const error = await refusal(loadOrNotFound(loader, missing, 'Pet'));
    expect(error.message).toBe(`Pet ${missing} does not exist`);
    expect(error.extensions).toMatchObject({ code: 'NOT_FOUND', type: 'Pet', id: missing });
  });

  it('counts an id that is not a UUID as not found, without a query', async () => {
    const { loader, asked } = petLoader();
    const error = await refusal(loadOrNotFound(loader, 'not-a-uuid', 'Pet'));
    expect(error.extensions).toMatchObject({ code: 'NOT_FOUND', id: 'not-a-uuid' });
    expect(asked).toEqual([]);
  });

  it('takes another test of ids for keys that are not UUIDs', async () => {
    const loader = rowLoader(
      async (ids: string[]) => ids.map((id) => ({ id })),
      (row) => row.id,
    );
    await expect(loadOrNotFound(loader, '3', 'Species', (id) => /^\d+$/.test(id))).resolves.toEqual({ id: '3' });
    expect((await refusal(loadOrNotFound(loader, 'x', 'Species', (id) => /^\d+$/.test(id)))).extensions.code).toBe('NOT_FOUND');
  });
});
