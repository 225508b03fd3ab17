export { controlPlaneNames, SERVICE_NAME } from './control-plane-names';
export {
  CLIENT_TOKEN_MAX_CHARS,
  type EndpointParameters,
  endpointClientToken,
} from './endpoint-client-token';
export { EXECUTION_NAME_MAX_CHARS, executionName } from './execution-name';
export {
  aliasHostname,
  type InvokeUrlsInput,
  invokeUrls,
  privateDnsHostname,
  regionalEndpointDnsName,
} from './invoke-urls';
export { MANAGED_BY_VALUE, MANAGED_TAG_KEYS, managedApiTags, managedEndpointTags } from './managed-tags';
export { type OpenApiDocument, pingMockOpenApi } from './ping-mock-open-api';
