import { z } from 'zod';
import { addIssues, apiGatewayPathIssues, externalReferenceIssues } from './api-gateway-openapi';
import { AWS_ID_FORMATS, type AwsIdKind, expectedAwsId } from './aws-ids';

/** What a request asks for. */
export const REQUEST_ACTIONS = ['create', 'update', 'delete'] as const;

/** Tag key prefix the control plane keeps for its own tags (see naming's MANAGED_TAG_KEYS). */
export const RESERVED_TAG_PREFIX = 'papi:';

/** Limits of the request. AWS limits are from AWS-FACTS and the API references; ours are named as such. */
export const REQUEST_LIMITS = {
  /** The caller's idempotency key: short enough for a Step Functions execution name (80 chars). */
  requestIdMaxChars: 64,
  apiNameMaxChars: 128,
  descriptionMaxChars: 1024,
  stageNameMaxChars: 128,
  /** One subnet an Availability Zone; no Region has more than 16 zones for one endpoint. */
  subnetIdsMax: 16,
  /** EC2: at most 5 security groups on an endpoint's network interfaces. */
  securityGroupIdsMax: 5,
  /** Ours: keeps the resource policy far below API Gateway's 8,192 characters. */
  allowedListMax: 50,
  /** API Gateway allows 50 tags a resource; the control plane adds its own few. */
  tagsMax: 40,
  tagKeyMaxChars: 128,
  tagValueMaxChars: 256,
  /**
   * Ours: the OpenAPI definition as JSON, in UTF-8 bytes. It is kept in one status-table item
   * (a DynamoDB item is at most 400 KB); the workflow's state (256 KiB at most) carries a
   * reference to it, never the document (docs/aws-facts.md: DynamoDB, Step Functions).
   */
  openApiMaxBytes: 200_000,
  /**
   * Ours: the whole request as JSON, in UTF-8 bytes. Far inside EventBridge's entry (1 MB since
   * January 2026, 256 KB before) and Lambda's asynchronous payload (1 MB, the event's envelope
   * included), so that a request that fits this limit reaches intake on every path
   * (docs/aws-facts.md: EventBridge, Lambda).
   */
  requestMaxBytes: 262_144,
} as const;

/**
 * UTF-8 bytes of a value's JSON; undefined when it has none (a cycle, or nesting too deep for
 * JSON.stringify: inspectJsonShape reports those on its own).
 */
export function jsonBytes(value: unknown): number | undefined {
  try {
    return Buffer.byteLength(JSON.stringify(value) ?? '');
  } catch {
    return undefined;
  }
}

/** Message for a field's value of the wrong type or shape, and "required: …" when it is missing. */
function expecting(expected: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined ? `required: ${expected}` : `expected ${expected}`;
}

/** An id of the given kind, with a message that shows a well-formed one. */
function awsId(kind: AwsIdKind) {
  const format = AWS_ID_FORMATS[kind];
  const expected = `${format.noun} like ${format.example}`;
  return z.string({ error: expecting(expected) }).regex(format.pattern, { error: expectedAwsId(kind) });
}

/**
 * A list of distinct items: a duplicate is reported at its own index ("network.subnetIds[2]:
 * duplicate of network.subnetIds[0]"), since EC2 rejects or silently merges repeated ids.
 */
function distinctList<T extends z.ZodType<string>>(
  item: T,
  limits: { min: number; max: number; plural: string; field: string },
) {
  const bounds = limits.min > 0 ? `${limits.min} to ${limits.max}` : `at most ${limits.max}`;
  const expected = `a list of ${bounds} ${limits.plural}`;
  return z
    .array(item, { error: expecting(expected) })
    .min(limits.min, { error: `expected ${bounds} ${limits.plural}, got none` })
    .max(limits.max, { error: `expected ${bounds} ${limits.plural}: remove some` })
    .superRefine(
      (values, context) => {
        const firstIndex = new Map<unknown, number>();
        values.forEach((value, index) => {
          const first = firstIndex.get(value);
          if (first === undefined) {
            firstIndex.set(value, index);
            return;
          }
          context.addIssue({
            code: 'custom',
            input: value,
            path: [index],
            message: `duplicate of ${limits.field}[${first}]: list each of the ${limits.plural} once`,
          });
        });
      },
      // Report duplicates even when another item is malformed: every problem at once.
      { when: (payload) => Array.isArray(payload.value) },
    )
    .meta({ uniqueItems: true });
}

const requestIdExpected = "1 to 64 letters, digits, '_' or '-' (the caller's idempotency key)";
const requestId = z
  .string({ error: expecting(requestIdExpected) })
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: `expected ${requestIdExpected}` })
  .meta({ description: "The caller's idempotency key: the same requestId is the same request." });

const apiKeyExpected =
  "3 to 63 lowercase letters, digits or '-', neither starting nor ending with '-', like orders-prod";
const apiKey = z
  .string({ error: expecting(apiKeyExpected) })
  .regex(/^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$/, { error: `expected ${apiKeyExpected}` })
  .meta({ description: "The managed API's stable identity, the same for every request about it." });

/** Whether a value is a well-formed apiKey (a custom resource's PhysicalResourceId may be anything). */
export const isApiKey = (value: unknown): value is string => apiKey.safeParse(value).success;

/** The OpenAPI 3.0 definition of the API; keys other than these are passed to API Gateway's import as they are. */
const openApiSchema = z
  .looseObject(
    {
      // API Gateway imports OpenAPI 2.0 and 3.0, not 3.1 (docs/aws-facts.md, API Gateway).
      openapi: z.string({ error: expecting('an OpenAPI version like "3.0.1"') }).regex(/^3\.0\.\d+$/, {
        error:
          'expected an OpenAPI 3.0 version like "3.0.1": API Gateway imports OpenAPI 3.0 (convert Swagger 2.0 and OpenAPI 3.1 documents)',
      }),
      paths: z
        .record(
          z.string().regex(/^(\/|x-)/, {
            error: 'expected a path starting with "/" (OpenAPI 3 path keys are like "/orders/{id}")',
          }),
          z.unknown(),
          { error: expecting('an object of paths, like {"/ping": {"get": {…}}}') },
        )
        .superRefine((paths, context) => {
          if (Object.keys(paths).length > 0) {
            addIssues(context, paths, apiGatewayPathIssues(paths));
            return;
          }
          context.addIssue({
            code: 'custom',
            input: paths,
            message: 'expected at least one path, like {"/ping": {"get": {…}}}',
          });
        })
        .meta({ minProperties: 1 }),
    },
    { error: expecting('an OpenAPI 3 document (a JSON object with "openapi" and "paths")') },
  )
  .superRefine((openApi, context) => {
    addIssues(context, openApi, externalReferenceIssues(openApi));
    const bytes = jsonBytes(openApi);
    if (bytes !== undefined && bytes > REQUEST_LIMITS.openApiMaxBytes) {
      context.addIssue({
        code: 'custom',
        input: openApi,
        message: `the definition is ${bytes} bytes of JSON, more than the ${REQUEST_LIMITS.openApiMaxBytes} allowed: split the API or trim the document`,
      });
    }
  })
  .meta({
    description: `OpenAPI 3 definition (at most ${REQUEST_LIMITS.openApiMaxBytes} bytes of JSON); without it the API gets a MOCK GET /ping. Checked against the OpenAPI 3.0 schema and API Gateway's import rules (resource paths, integration types, references inside the document).`,
  });

export const apiSpecSchema = z.strictObject(
  {
    name: z
      .string({ error: expecting('an API name of 1 to 128 printable characters') })
      .min(1, { error: 'expected an API name of 1 to 128 printable characters, got an empty one' })
      .max(REQUEST_LIMITS.apiNameMaxChars, {
        error: 'expected an API name of at most 128 characters: shorten it',
      })
      .regex(/^[^\p{C}]*$/u, { error: 'expected printable characters only: remove control characters' })
      .regex(/\S/, { error: 'expected an API name that is not blank' }),
    description: z
      .string({ error: expecting('a description of at most 1024 characters') })
      .max(REQUEST_LIMITS.descriptionMaxChars, { error: 'expected at most 1024 characters: shorten it' })
      .optional(),
    stageName: z
      .string({ error: expecting("a stage name of 1 to 128 letters, digits or '_', like v1") })
      .regex(/^[A-Za-z0-9_]{1,128}$/, {
        error: "expected a stage name of 1 to 128 letters, digits or '_', like v1",
      }),
    openApi: openApiSchema.optional(),
  },
  { error: expecting('an object with name and stageName (and optionally description and openApi)') },
);

export const networkSpecSchema = z.strictObject(
  {
    vpcId: awsId('vpc'),
    subnetIds: distinctList(awsId('subnet'), {
      min: 1,
      max: REQUEST_LIMITS.subnetIdsMax,
      plural: 'subnet ids',
      field: 'network.subnetIds',
    }),
    securityGroupIds: distinctList(awsId('securityGroup'), {
      min: 1,
      max: REQUEST_LIMITS.securityGroupIdsMax,
      plural: 'security group ids',
      field: 'network.securityGroupIds',
    }),
    privateDns: z
      .boolean({ error: 'expected true or false' })
      .default(true)
      .meta({ description: "Turn on the endpoint's private DNS (needs the VPC's two DNS attributes on)." }),
    vpcEndpointId: awsId('vpcEndpoint').optional().meta({
      description: 'An existing execute-api interface endpoint of the VPC to use instead of the managed one.',
    }),
  },
  { error: expecting('an object with vpcId, subnetIds and securityGroupIds') },
);

/** An optional list of other VPCs or endpoints the resource policy admits; empty when left out. */
function allowedList(kind: 'vpc' | 'vpcEndpoint', plural: string, field: string, description: string) {
  return distinctList(awsId(kind), { min: 0, max: REQUEST_LIMITS.allowedListMax, plural, field })
    .default(() => [])
    .meta({ description });
}

export const accessSpecSchema = z
  .strictObject(
    {
      allowedVpcIds: allowedList(
        'vpc',
        'VPC ids',
        'access.allowedVpcIds',
        'Other VPCs whose calls the resource policy admits.',
      ),
      allowedVpcEndpointIds: allowedList(
        'vpcEndpoint',
        'VPC endpoint ids',
        'access.allowedVpcEndpointIds',
        "Other VPC endpoints (also other accounts') whose calls the resource policy admits.",
      ),
      associatedVpcEndpointIds: allowedList(
        'vpcEndpoint',
        'VPC endpoint ids',
        'access.associatedVpcEndpointIds',
        "Other execute-api endpoints of this account (e.g. another VPC's) to associate with the API, so that their alias {api-id}-{vpce-id} resolves; the policy admits them too.",
      ),
    },
    {
      error: expecting('an object with allowedVpcIds, allowedVpcEndpointIds and/or associatedVpcEndpointIds'),
    },
  )
  .default(() => ({ allowedVpcIds: [], allowedVpcEndpointIds: [], associatedVpcEndpointIds: [] }));

/** AWS tag characters: Unicode letters, digits, spaces and `_ . : / = + - @` (the tagging APIs' pattern). */
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const TAG_CHARACTERS_HINT = 'letters, digits, spaces and _ . : / = + - @';

const tagKey = z
  .string()
  .min(1, { error: 'expected a tag key of 1 to 128 characters, got an empty one' })
  .max(REQUEST_LIMITS.tagKeyMaxChars, { error: 'expected a tag key of at most 128 characters: shorten it' })
  .regex(TAG_CHARACTERS, { error: `expected a tag key of ${TAG_CHARACTERS_HINT}` })
  .regex(/^(?![aA][wW][sS]:)/, {
    error: 'tag keys starting with "aws:" are reserved for AWS: rename the tag',
  })
  .regex(/^(?![pP][aA][pP][iI]:)/, {
    error: `tag keys starting with "${RESERVED_TAG_PREFIX}" are reserved for the control plane: rename the tag`,
  });

const tagValue = z
  .string({ error: expecting('a tag value: a string of at most 256 characters') })
  .max(REQUEST_LIMITS.tagValueMaxChars, {
    error: 'expected a tag value of at most 256 characters: shorten it',
  })
  .regex(TAG_CHARACTERS, { error: `expected a tag value of ${TAG_CHARACTERS_HINT}` });

export const tagsSchema = z
  .record(tagKey, tagValue, {
    error: expecting('an object of tag keys to string values, like {"team": "payments"}'),
  })
  .superRefine(
    (tags, context) => {
      const count = Object.keys(tags).length;
      if (count > REQUEST_LIMITS.tagsMax) {
        context.addIssue({
          code: 'custom',
          input: tags,
          message: `expected at most ${REQUEST_LIMITS.tagsMax} tags, got ${count}: remove some`,
        });
      }
    },
    // Count the tags even when one of them is malformed.
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  )
  .meta({
    maxProperties: REQUEST_LIMITS.tagsMax,
    description: 'Tags for the API (user tags; the control plane adds its own).',
  })
  .default(() => ({}));

const changeShape = {
  api: apiSpecSchema,
  network: networkSpecSchema,
  access: accessSpecSchema,
  tags: tagsSchema,
};

const topLevelError = expecting('a JSON object with requestId, action and apiKey');

export const createRequestSchema = z
  .strictObject({ requestId, action: z.literal('create'), apiKey, ...changeShape }, { error: topLevelError })
  .meta({ title: 'Create', description: 'Provision a new private REST API.' });

export const updateRequestSchema = z
  .strictObject({ requestId, action: z.literal('update'), apiKey, ...changeShape }, { error: topLevelError })
  .meta({ title: 'Update', description: 'Bring a managed private REST API to this description.' });

export const deleteRequestSchema = z
  .strictObject({ requestId, action: z.literal('delete'), apiKey }, { error: topLevelError })
  .meta({ title: 'Delete', description: 'Remove a managed private REST API.' });

/** The detail of a `PrivateApiRequest` event: one of create, update or delete. */
export const privateApiRequestSchema = z.discriminatedUnion(
  'action',
  [createRequestSchema, updateRequestSchema, deleteRequestSchema],
  { error: topLevelError },
);

/** What every request carries whatever its action: checked on its own when the action is unusable. */
export const requestEnvelopeSchema = z.looseObject({ requestId, apiKey }, { error: topLevelError });

export type PrivateApiRequest = z.output<typeof privateApiRequestSchema>;
export type PrivateApiRequestInput = z.input<typeof privateApiRequestSchema>;
export type CreateRequest = z.output<typeof createRequestSchema>;
export type UpdateRequest = z.output<typeof updateRequestSchema>;
export type DeleteRequest = z.output<typeof deleteRequestSchema>;
export type ApiSpec = z.output<typeof apiSpecSchema>;
export type NetworkSpec = z.output<typeof networkSpecSchema>;
export type AccessSpec = z.output<typeof accessSpecSchema>;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

/** The keys a delete request may have. */
export const DELETE_REQUEST_KEYS: readonly string[] = Object.keys(deleteRequestSchema.shape);

/** The keys each object of a create or update request may have, by object path: for "did you mean" hints. */
export const KNOWN_REQUEST_KEYS: Readonly<Record<string, readonly string[]>> = {
  '': Object.keys(createRequestSchema.shape),
  api: Object.keys(apiSpecSchema.shape),
  network: Object.keys(networkSpecSchema.shape),
  access: Object.keys(accessSpecSchema.unwrap().shape),
};
