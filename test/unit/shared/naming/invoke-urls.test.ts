import { VpcEndpointDnsNameMissingError } from '../../../../shared/errors';
import { invokeUrlsSchema } from '../../../../shared/events';
import {
  aliasHostname,
  invokeUrls,
  privateDnsHostname,
  regionalEndpointDnsName,
} from '../../../../shared/naming';

const input = {
  region: 'us-west-2',
  restApiId: '01234567ab',
  vpcEndpointId: 'vpce-01234567abcdef012',
  stageName: 'test',
  endpointDnsName: 'vpce-01234567abcdef012-01234567.execute-api.us-west-2.vpce.amazonaws.com',
};

/** DnsEntries as DescribeVpcEndpoints lists them for an execute-api endpoint with private DNS. */
const dnsEntries = [
  { dnsName: 'vpce-01234567abcdef012-01234567-us-west-2a.execute-api.us-west-2.vpce.amazonaws.com' },
  { dnsName: 'execute-api.us-west-2.amazonaws.com' },
  { dnsName: 'vpce-01234567abcdef012-01234567.execute-api.us-west-2.vpce.amazonaws.com' },
  { dnsName: 'vpce-01234567abcdef012-01234567-us-west-2b.execute-api.us-west-2.vpce.amazonaws.com' },
  { dnsName: '*.execute-api.us-west-2.amazonaws.com' },
];

describe('invokeUrls', () => {
  it('gives the three ways to invoke a private API when private DNS is on (seed 002)', () => {
    // Act
    const urls = invokeUrls({ ...input, privateDns: true });

    // Assess
    expect(urls).toEqual({
      privateDns: 'https://01234567ab.execute-api.us-west-2.amazonaws.com/test',
      alias: 'https://01234567ab-vpce-01234567abcdef012.execute-api.us-west-2.amazonaws.com/test',
      endpoint: {
        url: 'https://vpce-01234567abcdef012-01234567.execute-api.us-west-2.vpce.amazonaws.com/test',
        headers: { 'x-apigw-api-id': '01234567ab' },
      },
    });
    expect(invokeUrlsSchema.safeParse(urls).success).toBe(true);
  });

  it('leaves out the private DNS URL when private DNS is off', () => {
    // Act
    const urls = invokeUrls({ ...input, privateDns: false });

    // Assess
    expect(Object.keys(urls).sort()).toEqual(['alias', 'endpoint']);
  });
});

describe('hostnames', () => {
  it('names the private DNS hostname and the association alias', () => {
    // Act
    const names = [
      privateDnsHostname('01234567ab', 'eu-west-1'),
      aliasHostname('01234567ab', 'vpce-11111111', 'eu-west-1'),
    ];

    // Assess
    expect(names).toEqual([
      '01234567ab.execute-api.eu-west-1.amazonaws.com',
      '01234567ab-vpce-11111111.execute-api.eu-west-1.amazonaws.com',
    ]);
  });
});

describe('regionalEndpointDnsName', () => {
  it.each([
    ['as listed', dnsEntries],
    ['reversed', [...dnsEntries].reverse()],
  ])('picks the regional name, not a zonal or private one (entries %s)', (_, entries) => {
    // Act
    const name = regionalEndpointDnsName(entries);

    // Assess
    expect(name).toBe('vpce-01234567abcdef012-01234567.execute-api.us-west-2.vpce.amazonaws.com');
  });

  it('throws VpcEndpointDnsNameMissingError when only zonal and private names are listed', () => {
    // Prepare
    const entries = dnsEntries.filter(
      (entry) => !entry.dnsName.startsWith('vpce-01234567abcdef012-01234567.'),
    );

    // Act
    const pick = () => regionalEndpointDnsName(entries);

    // Assess
    expect(pick).toThrow(VpcEndpointDnsNameMissingError);
  });
});
