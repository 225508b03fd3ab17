import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * A CloudFormation custom resource request, as CloudFormation invokes the provider with it
 * (docs/aws-facts.md, CloudFormation): every property value arrives as a string, nested lists
 * and maps keep their shape with string leaves.
 */
export const customResourceRequestSchema = z.looseObject({
  RequestType: z.enum(['Create', 'Update', 'Delete']),
  ResponseURL: z.string().url(),
  StackId: z.string().min(1),
  RequestId: z.string().min(1),
  ResourceType: z.string().min(1),
  LogicalResourceId: z.string().min(1),
  PhysicalResourceId: z.string().optional(),
  ResourceProperties: z.record(z.string(), z.unknown()).default(() => ({})),
  OldResourceProperties: z.record(z.string(), z.unknown()).optional(),
  ServiceToken: z.string().optional(),
});

export type CustomResourceRequest = z.output<typeof customResourceRequestSchema>;

/** What the answer must echo back, whatever it says. */
export type CustomResourceIdentity = Pick<
  CustomResourceRequest,
  'ResponseURL' | 'StackId' | 'RequestId' | 'LogicalResourceId'
>;

/** The stack's name in its id: `arn:aws:cloudformation:{region}:{account}:stack/{name}/{uuid}`. */
export function stackNameOf(stackId: string): string {
  return /:stack\/([^/]+)\//.exec(stackId)?.[1] ?? stackId;
}

/** Hex digits of the hash in a custom resource's apiKey: 48 bits, no collision in any account. */
const API_KEY_HASH_CHARS = 12;
/** The request schema's apiKey: at most 63 characters. */
const API_KEY_MAX_CHARS = 63;

/**
 * The apiKey of the API a custom resource makes: readable (`{stack}-{logical id}`, lowercased,
 * cut to fit) and unique (a hash of the stack id, the logical id and the request that made it).
 * It is the resource's PhysicalResourceId, so it stays the same across in-place updates; a
 * replacement is made by another request, so it gets another apiKey, and a redelivered request
 * (the same RequestId) the same one.
 */
export function customResourceApiKey(input: {
  stackId: string;
  logicalResourceId: string;
  madeBy: string;
}): string {
  const hash = createHash('sha256')
    .update(`${input.stackId}\u0000${input.logicalResourceId}\u0000${input.madeBy}`)
    .digest('hex')
    .slice(0, API_KEY_HASH_CHARS);
  const readable = `${stackNameOf(input.stackId)}-${input.logicalResourceId}`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, API_KEY_MAX_CHARS - API_KEY_HASH_CHARS - 1)
    .replace(/-+$/g, '');
  return readable === '' ? `cfn-${hash}` : `${readable}-${hash}`;
}

/** The control plane's requestId for a CloudFormation request: its RequestId, so a redelivery is the same request. */
export const customResourceRequestId = (request: Pick<CustomResourceRequest, 'RequestId'>) =>
  `cfn-${request.RequestId.replace(/[^A-Za-z0-9_-]/g, '-')}`.slice(0, 64);
