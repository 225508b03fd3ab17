import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSchemas, SCHEMAS_DIRECTORY } from '../../../../scripts/generate-schemas';

describe('generated JSON Schemas', () => {
  const generated = generateSchemas();

  it('match the committed files in schemas/ (run npx tsx scripts/generate-schemas.ts after a schema change)', () => {
    // Prepare
    const committed = Object.fromEntries(
      readdirSync(SCHEMAS_DIRECTORY)
        .filter((file) => file.endsWith('.schema.json'))
        .map((file) => [file, readFileSync(join(SCHEMAS_DIRECTORY, file), 'utf8')]),
    );

    // Assess
    expect(committed).toEqual(generated);
  });

  it('describe the request and every status event as draft 2020-12 with an id, a title and a description', () => {
    // Prepare
    const documents = Object.values(generated).map((text) => JSON.parse(text));

    // Assess
    expect(Object.keys(generated).sort()).toEqual([
      'private-api-deleted.schema.json',
      'private-api-provisioned.schema.json',
      'private-api-request-failed.schema.json',
      'private-api-request-rejected.schema.json',
      'private-api-request.schema.json',
      'private-api-updated.schema.json',
    ]);
    for (const document of documents) {
      expect(document).toMatchObject({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: expect.stringMatching(/^urn:papi-control-plane:schema:private-api-/),
        title: expect.any(String),
        description: expect.any(String),
      });
    }
  });

  it('describe what a portal sends: unknown fields refused, defaults optional', () => {
    // Prepare
    const request = JSON.parse(generated['private-api-request.schema.json'] ?? '{}');
    const create = request.oneOf.find(
      (branch: { properties: { action: { const: string } } }) => branch.properties.action.const === 'create',
    );

    // Assess
    expect(request.oneOf).toHaveLength(3);
    expect(create.additionalProperties).toBe(false);
    expect(create.required).toEqual(['requestId', 'action', 'apiKey', 'api', 'network']);
    expect(create.properties.network.required).not.toContain('privateDns');
    expect(create.properties.network.properties.subnetIds).toMatchObject({
      minItems: 1,
      maxItems: 16,
      uniqueItems: true,
    });
  });
});
