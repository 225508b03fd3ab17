/** Tag keys the control plane puts on what it manages (the `papi:` prefix is refused in user tags). */
export const MANAGED_TAG_KEYS = {
  managedBy: 'papi:managed-by',
  apiKey: 'papi:api-key',
  requestId: 'papi:request-id',
  vpcId: 'papi:vpc-id',
  /** A secret of the managed-API record, put on the API it creates: finds it again after a lost answer. */
  creationToken: 'papi:creation-token',
} as const;

/** Value of `papi:managed-by`: how the control plane finds its own APIs and endpoints. */
export const MANAGED_BY_VALUE = 'private-api-control-plane';

/**
 * Tags of a managed REST API: the user's, then the control plane's, last so that they cannot be
 * overridden. They are labels: which API is the managed one is the managed-API record's apiId;
 * only before that is recorded (a lost CreateRestApi answer) is the API found again, by the
 * creation token the record holds.
 */
export function managedApiTags(
  apiKey: string,
  requestId: string,
  userTags: Readonly<Record<string, string>>,
  creationToken: string,
): Record<string, string> {
  return {
    ...userTags,
    [MANAGED_TAG_KEYS.managedBy]: MANAGED_BY_VALUE,
    [MANAGED_TAG_KEYS.apiKey]: apiKey,
    [MANAGED_TAG_KEYS.requestId]: requestId,
    [MANAGED_TAG_KEYS.creationToken]: creationToken,
  };
}

/**
 * Tags of a managed execute-api endpoint: one endpoint serves every private API of its VPC
 * (seed 000), so it is tagged by VPC and by the request that created it, not by API.
 */
export function managedEndpointTags(vpcId: string, requestId: string): Record<string, string> {
  return {
    [MANAGED_TAG_KEYS.managedBy]: MANAGED_BY_VALUE,
    [MANAGED_TAG_KEYS.vpcId]: vpcId,
    [MANAGED_TAG_KEYS.requestId]: requestId,
  };
}
