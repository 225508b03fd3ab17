import { stableHex } from './ids';

/**
 * The DnsEntries of an execute-api interface endpoint, in the order and shapes DescribeVpcEndpoints
 * shows them: the regional name, one zonal name per Availability Zone (both in the hosted zone
 * AWS keeps for `vpce.amazonaws.com` in the region), then with private DNS the service's own
 * names, whose hosted zone reads `ZONEIDPENDING` until the endpoint is available.
 */

export interface DnsEntry {
  readonly dnsName: string;
  readonly hostedZoneId: string;
}

/** Hosted zone of `{region}.vpce.amazonaws.com` names, per region (as DescribeVpcEndpoints reports them). */
const VPCE_HOSTED_ZONES: Readonly<Record<string, string>> = {
  'us-east-1': 'Z7HUB22UULQXV',
  'us-east-2': 'ZC8PG0KIFKBRI',
  'us-west-1': 'Z12I86A8N7VCZO',
  'us-west-2': 'Z1YSA3EXCYUU9Z',
  'eu-west-1': 'Z38GZ743OKFT7T',
  'eu-west-2': 'Z7K1066E3PUKB',
  'eu-central-1': 'Z273ZU8SZ5RJPC',
  'ap-northeast-1': 'Z2E726K9Y6RL4W',
  'ap-southeast-1': 'Z18LLCSTV4NVNL',
  'ap-southeast-2': 'Z2KVTB3ZLFM7JR',
};

/** What private DNS entries show while Route 53 has not made the private hosted zone yet. */
export const ZONE_ID_PENDING = 'ZONEIDPENDING';

/** Length of the stand-in hosted zone id for regions missing from the table. */
const FALLBACK_ZONE_ID_DIGITS = 12;

export function vpceHostedZoneId(region: string): string {
  return (
    VPCE_HOSTED_ZONES[region] ?? `Z${stableHex(`vpce-zone:${region}`, FALLBACK_ZONE_ID_DIGITS).toUpperCase()}`
  );
}

/** `com.amazonaws.{region}.execute-api`: the only endpoint service the local cloud offers. */
export function executeApiServiceName(region: string): string {
  return `com.amazonaws.${region}.execute-api`;
}

/** The domain private DNS takes over in the VPC: `execute-api.{region}.amazonaws.com`. */
export function executeApiDomain(region: string): string {
  return `execute-api.${region}.amazonaws.com`;
}

/** `vpce-…-{suffix}.execute-api.{region}.vpce.amazonaws.com`, or the zonal form with `-{az}`. */
export function endpointDnsName(
  endpoint: { readonly vpcEndpointId: string; readonly dnsSuffix: string; readonly region: string },
  availabilityZone?: string,
): string {
  const zone = availabilityZone === undefined ? '' : `-${availabilityZone}`;
  return `${endpoint.vpcEndpointId}-${endpoint.dnsSuffix}${zone}.execute-api.${endpoint.region}.vpce.amazonaws.com`;
}

export function endpointDnsEntries(
  endpoint: {
    readonly vpcEndpointId: string;
    readonly dnsSuffix: string;
    readonly region: string;
    readonly privateDnsEnabled: boolean;
    readonly privateHostedZoneId: string;
  },
  availabilityZones: readonly string[],
  available: boolean,
): DnsEntry[] {
  const vpceZone = vpceHostedZoneId(endpoint.region);
  const entries: DnsEntry[] = [
    { dnsName: endpointDnsName(endpoint), hostedZoneId: vpceZone },
    ...availabilityZones.map((zone) => ({
      dnsName: endpointDnsName(endpoint, zone),
      hostedZoneId: vpceZone,
    })),
  ];
  if (endpoint.privateDnsEnabled) {
    const privateZone = available ? endpoint.privateHostedZoneId : ZONE_ID_PENDING;
    const domain = executeApiDomain(endpoint.region);
    entries.push(
      { dnsName: domain, hostedZoneId: privateZone },
      { dnsName: `*.${domain}`, hostedZoneId: privateZone },
    );
  }
  return entries;
}
