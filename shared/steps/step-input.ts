import { z } from 'zod';
import type { PrivateApiRequest } from '../request';
import { type DefinitionRef, definitionRefSchema } from '../status/definition-store';

/** The keys every step's input carries (the state machine passes them from the execution input). */
export const stepContextSchema = z.object({
  requestId: z.string().min(1),
  apiKey: z.string().min(1),
  action: z.string().min(1),
});

/**
 * The validated request as the execution input holds it (validated at intake; steps only read
 * it): the OpenAPI definition is not carried, only a reference to where intake stored it.
 */
export const requestSchema = z.looseObject({
  api: z.looseObject({
    name: z.string(),
    description: z.string().optional(),
    stageName: z.string(),
    definition: definitionRefSchema.optional(),
  }),
  network: z.looseObject({
    vpcId: z.string(),
    subnetIds: z.array(z.string()),
    securityGroupIds: z.array(z.string()),
    privateDns: z.boolean(),
    vpcEndpointId: z.string().optional(),
  }),
  access: z.looseObject({
    allowedVpcIds: z.array(z.string()),
    allowedVpcEndpointIds: z.array(z.string()),
    associatedVpcEndpointIds: z.array(z.string()).default([]),
  }),
  tags: z.record(z.string(), z.string()).optional(),
});

export type StepRequest = z.output<typeof requestSchema>;

/** What the workflow carries of a request: the request with its definition replaced by a reference. */
export type WorkflowRequest =
  | Extract<PrivateApiRequest, { action: 'delete' }>
  | (Omit<Extract<PrivateApiRequest, { action: 'create' | 'update' }>, 'api'> & {
      readonly api: Omit<Extract<PrivateApiRequest, { action: 'create' }>['api'], 'openApi'> & {
        readonly definition?: DefinitionRef;
      };
    });

/** The request as the workflow carries it: `api.openApi` replaced by `api.definition`, its reference. */
export function workflowRequest(request: PrivateApiRequest, definition?: DefinitionRef): WorkflowRequest {
  if (request.action === 'delete') return request;
  const { openApi: _openApi, ...api } = request.api;
  return { ...request, api: { ...api, ...(definition ? { definition } : {}) } };
}

/** A Wait/Choice loop's counters, carried between rounds in the execution's state. */
export const pollSchema = z.object({
  attempt: z.number().int().nonnegative(),
  elapsedSeconds: z.number().nonnegative(),
});
