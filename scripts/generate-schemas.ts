import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  privateApiDeletedSchema,
  privateApiProvisionedSchema,
  privateApiRequestFailedSchema,
  privateApiRequestRejectedSchema,
  privateApiUpdatedSchema,
  REQUEST_DETAIL_TYPE,
  STATUS_DETAIL_TYPES,
  STATUS_SOURCE,
} from '../shared/events';
import { privateApiRequestSchema, REQUEST_LIMITS } from '../shared/request';

/** Where the generated schemas are committed. */
export const SCHEMAS_DIRECTORY = join(__dirname, '..', 'schemas');

/** `$id` base: a URN, since the schemas are not served from anywhere. */
const ID_BASE = 'urn:papi-control-plane:schema:';

interface SchemaSpec {
  readonly file: string;
  readonly title: string;
  readonly description: string;
  readonly schema: z.ZodType;
}

const fileStem = (detailType: string) => detailType.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();

const statusEvent = (detailType: string, schema: z.ZodType, what: string): SchemaSpec => ({
  file: `${fileStem(detailType)}.schema.json`,
  title: `${detailType} event detail`,
  description: `The detail of the ${detailType} events the control plane publishes (source "${STATUS_SOURCE}", detail-type "${detailType}"): ${what} Consumers should ignore fields they do not know.`,
  schema,
});

const SPECS: readonly SchemaSpec[] = [
  {
    file: `${fileStem(REQUEST_DETAIL_TYPE)}.schema.json`,
    title: `${REQUEST_DETAIL_TYPE} event detail`,
    description:
      `What a portal sends to ask for a private REST API: the detail of an EventBridge event with detail-type "${REQUEST_DETAIL_TYPE}". ` +
      'create and update carry api and network (and optionally access and tags); delete carries only requestId, action and apiKey. ' +
      `Unknown fields are errors. Beyond this schema, intake also refuses "__proto__" keys, values nested deeper than 64 levels, requests over ${REQUEST_LIMITS.requestMaxBytes} bytes of JSON, and an api.openApi that the OpenAPI 3.0 schema or API Gateway's import would refuse.`,
    schema: privateApiRequestSchema,
  },
  statusEvent(
    STATUS_DETAIL_TYPES.rejected,
    privateApiRequestRejectedSchema,
    'the request was refused at intake.',
  ),
  statusEvent(STATUS_DETAIL_TYPES.provisioned, privateApiProvisionedSchema, 'a create request succeeded.'),
  statusEvent(STATUS_DETAIL_TYPES.failed, privateApiRequestFailedSchema, 'an accepted request failed.'),
  statusEvent(STATUS_DETAIL_TYPES.updated, privateApiUpdatedSchema, 'an update request succeeded.'),
  statusEvent(STATUS_DETAIL_TYPES.deleted, privateApiDeletedSchema, 'a delete request succeeded.'),
];

/**
 * The JSON Schemas (draft 2020-12) of the request and of each status event, by file name, as
 * the text committed in `schemas/`. The request's is its input side (defaults are optional).
 */
export function generateSchemas(): Record<string, string> {
  return Object.fromEntries(
    SPECS.map((spec) => {
      const generated = z.toJSONSchema(spec.schema, { target: 'draft-2020-12', io: 'input' });
      const { $schema, ...rest } = generated;
      const document = {
        $schema,
        $id: `${ID_BASE}${spec.file.replace(/\.schema\.json$/, '')}`,
        title: spec.title,
        ...rest,
        description: spec.description,
      };
      return [spec.file, `${JSON.stringify(document, null, 2)}\n`];
    }),
  );
}

/** Writes the schemas to `schemas/`. */
export function writeSchemas(directory: string = SCHEMAS_DIRECTORY): string[] {
  mkdirSync(directory, { recursive: true });
  return Object.entries(generateSchemas()).map(([file, text]) => {
    writeFileSync(join(directory, file), text);
    return file;
  });
}

if (require.main === module) {
  for (const file of writeSchemas()) process.stdout.write(`wrote schemas/${file}\n`);
}
