// The examples of the generated OpenAPI document are answers the server could give: each one validates against
// the schema of the response it illustrates, and an error example's message is the catalogue's.
import { describe, expect, it } from 'vitest';
import { generateOpenApi } from '../../server/operations/openapi.ts';
import { contractFor, type OpenApiDocument } from '../helpers/server.ts';

const document = generateOpenApi() as unknown as OpenApiDocument;
const contract = contractFor(document);

type Content = Record<string, { examples?: Record<string, { value: unknown }> }>;
const examples = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).flatMap(([method, op]) =>
    Object.entries(op.responses).flatMap(([status, response]) =>
      Object.entries((response as { content?: Content }).content ?? {}).flatMap(([mediaType, content]) =>
        Object.entries(content.examples ?? {}).map(([name, example]) => ({ path, method, status: Number(status), mediaType, name, value: example.value })),
      ),
    ),
  ),
);

describe('OpenAPI examples', () => {
  it('give every error response an example per code it lists', () => {
    const search = examples.filter((e) => e.path === '/api/search' && e.method === 'get').map((e) => `${e.status} ${e.name}`);
    expect(search).toEqual(
      expect.arrayContaining(['400 invalid_parameter', '503 engine_unavailable', '503 index_not_ready', '503 overloaded', '429 rate_limited']),
    );
    expect(examples.length).toBeGreaterThan(50);
  });

  it('each validate against the schema of their response', () => {
    // A concrete path for each template: the contract matches requests, not templates.
    const concrete = (path: string) => path.replace(/\{\w+\}/g, 'x');
    const problems = examples
      .map((e) => ({ e, problem: contract.check(e.method, concrete(e.path), e.status, e.value, e.mediaType) }))
      .filter(({ problem }) => problem !== null)
      .map(({ e, problem }) => `${e.method} ${e.path} ${e.status} ${e.name}: ${problem}`);
    expect(problems).toEqual([]);
  });

  it('say what the server says, in English', () => {
    const notFound = examples.find((e) => e.path === '/api/documents/{id}' && e.name === 'not_found');
    expect(notFound?.value).toEqual({ error: { code: 'not_found', message: 'The requested resource was not found.' } });
  });
});
