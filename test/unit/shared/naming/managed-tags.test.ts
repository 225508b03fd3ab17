import {
  MANAGED_BY_VALUE,
  MANAGED_TAG_KEYS,
  managedApiTags,
  managedEndpointTags,
} from '../../../../shared/naming';

describe('managedApiTags', () => {
  it("keeps the user's tags and adds the control plane's own", () => {
    // Act
    const tags = managedApiTags('orders-prod', 'req-0001', { team: 'payments' }, 'token-1');

    // Assess
    expect(tags).toEqual({
      team: 'payments',
      'papi:managed-by': 'private-api-control-plane',
      'papi:api-key': 'orders-prod',
      'papi:request-id': 'req-0001',
      'papi:creation-token': 'token-1',
    });
  });

  it("does not let user tags override the control plane's tags", () => {
    // Act
    const tags = managedApiTags(
      'orders-prod',
      'req-0001',
      { [MANAGED_TAG_KEYS.apiKey]: 'someone-else', [MANAGED_TAG_KEYS.managedBy]: 'me' },
      'token-1',
    );

    // Assess
    expect(tags[MANAGED_TAG_KEYS.apiKey]).toBe('orders-prod');
    expect(tags[MANAGED_TAG_KEYS.managedBy]).toBe(MANAGED_BY_VALUE);
  });
});

describe('managedEndpointTags', () => {
  it('tags the endpoint with its VPC and the request that created it', () => {
    // Act
    const tags = managedEndpointTags('vpc-0123456789abcdef0', 'req-0001');

    // Assess
    expect(tags).toEqual({
      'papi:managed-by': 'private-api-control-plane',
      'papi:vpc-id': 'vpc-0123456789abcdef0',
      'papi:request-id': 'req-0001',
    });
  });
});
