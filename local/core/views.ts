/**
 * Read-only views that one emulated service offers another. The DNS server answers from the
 * EC2 and API Gateway views; nothing reaches into another service's store directly.
 */

/** An interface VPC endpoint as DNS needs to see it. */
export interface EndpointView {
  readonly vpcEndpointId: string;
  readonly vpcId: string;
  readonly region: string;
  /** e.g. com.amazonaws.us-east-1.execute-api */
  readonly serviceName: string;
  /** The service's camelCase state: pendingAcceptance, pending, available, deleting, deleted, rejected, failed, expired. */
  readonly state: string;
  readonly privateDnsEnabled: boolean;
  /** Private IPv4 addresses of the endpoint's network interfaces, one per subnet. */
  readonly ipAddresses: readonly string[];
  /** The endpoint's own DNS names (regional, then one per AZ), as in DnsEntries. */
  readonly dnsNames: readonly string[];
}

/** A VPC as DNS needs to see it: which addresses stand inside it (docs/aws-facts.md, Private REST APIs). */
export interface VpcView {
  readonly vpcId: string;
  readonly region: string;
  /** The VPC's IPv4 CIDR blocks. */
  readonly cidrBlocks: readonly string[];
}

export interface Ec2View {
  vpcEndpoints(): readonly EndpointView[];
  vpcs(): readonly VpcView[];
}

/** A private API associated with a VPC endpoint (UpdateRestApi add /endpointConfiguration/vpcEndpointIds). */
export interface AssociationView {
  readonly restApiId: string;
  readonly region: string;
  readonly vpcEndpointId: string;
  /** Simulated epoch ms at which the association was made; the Route 53 alias propagates from then. */
  readonly associatedAtMs: number;
}

export interface RestApiView {
  readonly restApiId: string;
  readonly region: string;
  readonly endpointTypes: readonly string[];
}

export interface ApiGatewayView {
  restApis(): readonly RestApiView[];
  associations(): readonly AssociationView[];
}
