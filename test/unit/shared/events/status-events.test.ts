import {
  privateApiDeletedSchema,
  privateApiProvisionedSchema,
  privateApiRequestFailedSchema,
  privateApiRequestRejectedSchema,
  REQUEST_DETAIL_TYPE,
  STATUS_DETAIL_TYPES,
  STATUS_EVENT_SCHEMAS,
  STATUS_SOURCE,
} from '../../../../shared/events';
import { invokeUrls } from '../../../../shared/naming';

const provisioned = {
  requestId: 'req-0001',
  apiKey: 'orders-prod',
  apiId: 'a1b2c3d4e5',
  vpcEndpointId: 'vpce-11111111',
  stageName: 'v1',
  invokeUrls: invokeUrls({
    region: 'us-east-1',
    restApiId: 'a1b2c3d4e5',
    vpcEndpointId: 'vpce-11111111',
    stageName: 'v1',
    privateDns: true,
    endpointDnsName: 'vpce-11111111-abcdefgh.execute-api.us-east-1.vpce.amazonaws.com',
  }),
};

describe('status events', () => {
  it('publishes from papi.control-plane and takes PrivateApiRequest', () => {
    // Assess
    expect(STATUS_SOURCE).toBe('papi.control-plane');
    expect(REQUEST_DETAIL_TYPE).toBe('PrivateApiRequest');
    expect(Object.keys(STATUS_EVENT_SCHEMAS).sort()).toEqual([
      'PrivateApiDeleted',
      'PrivateApiProvisioned',
      'PrivateApiRequestFailed',
      'PrivateApiRequestRejected',
      'PrivateApiUpdated',
    ]);
    expect(STATUS_EVENT_SCHEMAS[STATUS_DETAIL_TYPES.provisioned]).toBe(privateApiProvisionedSchema);
  });

  it('accepts the PrivateApiProvisioned detail the record step publishes', () => {
    // Act
    const result = privateApiProvisionedSchema.safeParse(provisioned);

    // Assess
    expect(result.success).toBe(true);
  });

  it('refuses a PrivateApiProvisioned detail without its invoke URLs', () => {
    // Act
    const result = privateApiProvisionedSchema.safeParse({ ...provisioned, invokeUrls: undefined });

    // Assess
    expect(result.success).toBe(false);
  });

  it('accepts a PrivateApiRequestFailed detail with and without what was undone', () => {
    // Prepare
    const failed = {
      requestId: 'req-0001',
      apiKey: 'orders-prod',
      action: 'create',
      step: 'Preflight',
      error: { name: 'VpcDnsAttributesOffError', message: 'turn enableDnsHostnames on' },
    };

    // Act
    const results = [
      privateApiRequestFailedSchema.safeParse(failed).success,
      privateApiRequestFailedSchema.safeParse({ ...failed, undone: ['rest-api a1b2c3d4e5'] }).success,
      privateApiRequestFailedSchema.safeParse({ ...failed, action: 'rename' }).success,
    ];

    // Assess
    expect(results).toEqual([true, true, false]);
  });

  it('needs at least one reason in a PrivateApiRequestRejected detail, apiKey optional', () => {
    // Act
    const results = [
      privateApiRequestRejectedSchema.safeParse({
        requestId: 'r',
        reasons: [{ field: 'apiKey', message: 'required: …' }],
      }).success,
      privateApiRequestRejectedSchema.safeParse({ requestId: 'r', apiKey: 'orders-prod', reasons: [] })
        .success,
    ];

    // Assess
    expect(results).toEqual([true, false]);
  });

  it('accepts a PrivateApiDeleted detail', () => {
    // Act
    const result = privateApiDeletedSchema.safeParse({
      requestId: 'r',
      apiKey: 'orders-prod',
      apiId: 'a1b2c3d4e5',
    });

    // Assess
    expect(result.success).toBe(true);
  });
});
