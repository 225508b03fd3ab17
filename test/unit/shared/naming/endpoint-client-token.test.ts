import { CLIENT_TOKEN_MAX_CHARS, endpointClientToken } from '../../../../shared/naming';

const parameters = {
  vpcId: 'vpc-0123456789abcdef0',
  subnetIds: ['subnet-0123456789abcdef0', 'subnet-11111111'],
  securityGroupIds: ['sg-0123456789abcdef0', 'sg-22222222'],
  privateDns: true,
};

describe('endpointClientToken', () => {
  it('makes an ASCII token of at most 64 characters that names the VPC', () => {
    // Act
    const token = endpointClientToken(parameters);

    // Assess
    expect(token).toMatch(/^papi-vpc-0123456789abcdef0-[0-9a-f]{16}$/);
    expect(token.length).toBeLessThanOrEqual(CLIENT_TOKEN_MAX_CHARS);
  });

  it('gives the same token for the same parameters in any order', () => {
    // Prepare
    const reordered = {
      privateDns: true,
      securityGroupIds: [...parameters.securityGroupIds].reverse(),
      subnetIds: [...parameters.subnetIds].reverse(),
      vpcId: parameters.vpcId,
    };

    // Act
    const tokens = [endpointClientToken(parameters), endpointClientToken(reordered)];

    // Assess
    expect(tokens[1]).toBe(tokens[0]);
  });

  it.each<[string, Partial<typeof parameters>]>([
    ['private DNS off', { privateDns: false }],
    ['another subnet', { subnetIds: ['subnet-0123456789abcdef0', 'subnet-33333333'] }],
    ['one group fewer', { securityGroupIds: ['sg-0123456789abcdef0'] }],
    ['another VPC', { vpcId: 'vpc-0123456789abcdef1' }],
  ])('gives another token with %s', (_, change) => {
    // Act
    const tokens = [endpointClientToken(parameters), endpointClientToken({ ...parameters, ...change })];

    // Assess
    expect(tokens[1]).not.toBe(tokens[0]);
  });
});
