import { z } from 'zod';
import { fieldErrorSchema } from '../request/field-error';
import { REQUEST_ACTIONS } from '../request/request-schema';
import { invokeUrlsSchema } from './invoke-urls-schema';

/** EventBridge `source` of every status event the control plane publishes. */
export const STATUS_SOURCE = 'papi.control-plane';

/** EventBridge `source` of the requests the Service Catalog product's provider sends. */
export const CATALOG_REQUEST_SOURCE = 'papi.service-catalog';

/** EventBridge `detail-type` of the requests the control plane takes. */
export const REQUEST_DETAIL_TYPE = 'PrivateApiRequest';

/** EventBridge `detail-type` of each status event. */
export const STATUS_DETAIL_TYPES = {
  rejected: 'PrivateApiRequestRejected',
  provisioned: 'PrivateApiProvisioned',
  failed: 'PrivateApiRequestFailed',
  updated: 'PrivateApiUpdated',
  deleted: 'PrivateApiDeleted',
} as const;

export type StatusDetailType = (typeof STATUS_DETAIL_TYPES)[keyof typeof STATUS_DETAIL_TYPES];

const requestId = z.string().meta({ description: "The request's requestId (the caller's idempotency key)." });
const apiKey = z.string().meta({ description: "The managed API's stable identity." });
const apiId = z.string().meta({ description: 'The REST API id API Gateway gave the API.' });
const vpcEndpointId = z
  .string()
  .meta({ description: 'The execute-api interface endpoint the API is reached through.' });
const stageName = z.string().meta({ description: 'The stage the API is deployed to.' });

export const privateApiRequestRejectedSchema = z
  .object({
    requestId: requestId.meta({ description: 'The requestId as sent; empty when the request had none.' }),
    apiKey: apiKey.optional(),
    reasons: z
      .array(fieldErrorSchema)
      .min(1)
      .meta({ description: 'Every problem found, with its field and fix.' }),
  })
  .meta({ description: 'The request broke the request schema; nothing was done.' });

/** What a create or an update leaves in place: the deployed API and how to reach it. */
const deployedApiShape = { requestId, apiKey, apiId, vpcEndpointId, stageName, invokeUrls: invokeUrlsSchema };

export const privateApiProvisionedSchema = z.object(deployedApiShape).meta({
  description: 'A create request succeeded: the private API is deployed and reachable from the VPC.',
});

export const privateApiRequestFailedSchema = z
  .object({
    requestId,
    apiKey,
    action: z.enum(REQUEST_ACTIONS),
    step: z.string().meta({ description: 'The step of the workflow that failed.' }),
    error: z
      .object({
        name: z.string().meta({ description: 'The error name, e.g. VpcDnsAttributesOffError.' }),
        message: z.string().meta({ description: 'What went wrong and how to fix it.' }),
      })
      .meta({ description: 'The error that ended the request.' }),
    undone: z
      .array(z.string())
      .optional()
      .meta({ description: 'What the control plane removed again after the failure.' }),
  })
  .meta({ description: 'An accepted request failed; the error names the step and the fix.' });

export const privateApiUpdatedSchema = z.object(deployedApiShape).meta({
  description: 'An update request succeeded: the private API matches the request and is redeployed.',
});

export const privateApiDeletedSchema = z
  .object({ requestId, apiKey, apiId })
  .meta({ description: 'A delete request succeeded: the private API is gone.' });

/** Each status event's detail schema, by detail-type. */
export const STATUS_EVENT_SCHEMAS = {
  [STATUS_DETAIL_TYPES.rejected]: privateApiRequestRejectedSchema,
  [STATUS_DETAIL_TYPES.provisioned]: privateApiProvisionedSchema,
  [STATUS_DETAIL_TYPES.failed]: privateApiRequestFailedSchema,
  [STATUS_DETAIL_TYPES.updated]: privateApiUpdatedSchema,
  [STATUS_DETAIL_TYPES.deleted]: privateApiDeletedSchema,
} as const satisfies Record<StatusDetailType, z.ZodType>;

export type PrivateApiRequestRejected = z.output<typeof privateApiRequestRejectedSchema>;
export type PrivateApiProvisioned = z.output<typeof privateApiProvisionedSchema>;
export type PrivateApiRequestFailed = z.output<typeof privateApiRequestFailedSchema>;
export type PrivateApiUpdated = z.output<typeof privateApiUpdatedSchema>;
export type PrivateApiDeleted = z.output<typeof privateApiDeletedSchema>;

/** The detail a status event of the given detail-type carries. */
export type StatusEventDetail<T extends StatusDetailType> = z.output<(typeof STATUS_EVENT_SCHEMAS)[T]>;
