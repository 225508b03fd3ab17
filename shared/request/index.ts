export { AWS_ID_FORMATS, type AwsIdKind, expectedAwsId, isAwsId } from './aws-ids';
export { canonicalJson } from './canonical-json';
export { describeFieldError, type FieldError, fieldErrorSchema, formatFieldPath } from './field-error';
export { MAX_JSON_DEPTH } from './json-shape';
export { MAX_REPORTED_ERRORS, type ParseResult, parsePrivateApiRequest } from './parse-request';
export { canonicalRequestHash } from './request-hash';
export {
  type AccessSpec,
  type ApiSpec,
  accessSpecSchema,
  apiSpecSchema,
  type CreateRequest,
  createRequestSchema,
  type DeleteRequest,
  deleteRequestSchema,
  isApiKey,
  jsonBytes,
  type NetworkSpec,
  networkSpecSchema,
  type PrivateApiRequest,
  type PrivateApiRequestInput,
  privateApiRequestSchema,
  REQUEST_ACTIONS,
  REQUEST_LIMITS,
  RESERVED_TAG_PREFIX,
  type RequestAction,
  type UpdateRequest,
  updateRequestSchema,
} from './request-schema';
