import { VpcEndpointDnsNameMissingError } from '../errors/vpc-endpoint-errors';
import type { InvokeUrls } from '../events/invoke-urls-schema';

/** `{api-id}.execute-api.{region}.amazonaws.com`: what private DNS on the endpoint resolves in the VPC. */
export function privateDnsHostname(restApiId: string, region: string): string {
  return `${restApiId}.execute-api.${region}.amazonaws.com`;
}

/** `{api-id}-{vpce-id}.execute-api.{region}.amazonaws.com`: the Route 53 alias an association creates (AWS-FACTS). */
export function aliasHostname(restApiId: string, vpcEndpointId: string, region: string): string {
  return `${restApiId}-${vpcEndpointId}.execute-api.${region}.amazonaws.com`;
}

export interface InvokeUrlsInput {
  readonly region: string;
  readonly restApiId: string;
  readonly vpcEndpointId: string;
  readonly stageName: string;
  /** Whether the endpoint has private DNS on: only then does the API's own hostname resolve in the VPC. */
  readonly privateDns: boolean;
  /** The endpoint's regional DNS name (see regionalEndpointDnsName). */
  readonly endpointDnsName: string;
}

/**
 * The three ways to invoke a private API (seed 002): its own hostname (only with private DNS
 * on), the association alias, and the endpoint's DNS name with the `x-apigw-api-id` header.
 */
export function invokeUrls(input: InvokeUrlsInput): InvokeUrls {
  const { region, restApiId, vpcEndpointId, stageName } = input;
  return {
    ...(input.privateDns
      ? { privateDns: `https://${privateDnsHostname(restApiId, region)}/${stageName}` }
      : {}),
    alias: `https://${aliasHostname(restApiId, vpcEndpointId, region)}/${stageName}`,
    endpoint: {
      url: `https://${input.endpointDnsName}/${stageName}`,
      headers: { 'x-apigw-api-id': restApiId },
    },
  };
}

/** A zonal name ends its first label with the Availability Zone: `vpce-…-…-us-east-1a`. */
const ZONAL_LABEL = /-[a-z]{2}(?:-[a-z]+)+-\d[a-z]$/;

/**
 * Picks the endpoint's regional DNS name from DescribeVpcEndpoints' DnsEntries:
 * `vpce-{id}-{suffix}.execute-api.{region}.vpce.amazonaws.com`, not a zonal one
 * (`vpce-…-us-east-1a.…`) nor the private DNS names (`execute-api.{region}.amazonaws.com`,
 * `*.execute-api.{region}.amazonaws.com`). Throws VpcEndpointDnsNameMissingError when there is none.
 */
export function regionalEndpointDnsName(dnsEntries: readonly { readonly dnsName?: string }[]): string {
  const names = dnsEntries.flatMap((entry) =>
    entry.dnsName === undefined ? [] : [entry.dnsName.toLowerCase()],
  );
  const regional = names.find((name) => {
    const firstLabel = name.split('.', 1)[0] ?? '';
    return firstLabel.startsWith('vpce-') && name.includes('.vpce.') && !ZONAL_LABEL.test(firstLabel);
  });
  if (regional === undefined) {
    throw new VpcEndpointDnsNameMissingError(
      `no regional vpce-… DNS name among the endpoint's DNS entries (${names.join(', ') || 'none'})`,
    );
  }
  return regional;
}
