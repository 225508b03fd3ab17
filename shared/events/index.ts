export { type InvokeUrls, invokeUrlsSchema } from './invoke-urls-schema';
export {
  type PrivateApiDeleted,
  type PrivateApiProvisioned,
  type PrivateApiRequestFailed,
  type PrivateApiRequestRejected,
  type PrivateApiUpdated,
  privateApiDeletedSchema,
  privateApiProvisionedSchema,
  privateApiRequestFailedSchema,
  privateApiRequestRejectedSchema,
  privateApiUpdatedSchema,
  REQUEST_DETAIL_TYPE,
  STATUS_DETAIL_TYPES,
  STATUS_EVENT_SCHEMAS,
  STATUS_SOURCE,
  type StatusDetailType,
  type StatusEventDetail,
} from './status-events';
