import type { AssociationView, EndpointView, RestApiView } from '../../core/views';

/** What the DNS server answers from: the EC2 and API Gateway views at one moment. */
export interface DnsViews {
  readonly endpoints: readonly EndpointView[];
  readonly restApis: readonly RestApiView[];
  readonly associations: readonly AssociationView[];
}

export interface DnsSettings {
  /** Simulated ms from an association until its Route 53 alias resolves. */
  readonly aliasPropagationMs: number;
  /** Tampering: association aliases never resolve (the "redeploy and wait" failure mode). */
  readonly neverPropagate: boolean;
}

const EXECUTE_API_SERVICE = /^com\.amazonaws\.([a-z0-9-]+)\.execute-api$/;

/** A DNS name as compared: lowercase, without the trailing root dot. */
export function normalizeName(name: string): string {
  return name.trim().replace(/\.$/, '').toLowerCase();
}

function add(records: Map<string, string[]>, name: string, addresses: readonly string[]): void {
  const key = normalizeName(name);
  const current = records.get(key) ?? [];
  records.set(key, [...current, ...addresses.filter((address) => !current.includes(address))]);
}

/**
 * Every name the local DNS answers at simulated time `now`, with its IPv4 addresses:
 * - an AVAILABLE endpoint's own names: the regional name → all its ENI addresses, each zonal
 *   name → the address in that zone (`dnsNames[1 + i]` ↔ `ipAddresses[i]`);
 * - with private DNS on an available execute-api endpoint: `execute-api.{region}.amazonaws.com`
 *   and `{api-id}.execute-api.{region}.amazonaws.com` for every REST API of the region. AWS's
 *   private hosted zone is a wildcard seen only inside the endpoint's VPC; this server has no
 *   notion of which VPC asks, so it answers for the region's existing API ids (any endpoint
 *   type) with the addresses of every such endpoint;
 * - an association's alias `{api-id}-{vpce-id}.execute-api.{region}.amazonaws.com` once
 *   `aliasPropagationMs` have passed since the association, while the API, the association and
 *   the available endpoint all exist.
 */
export function dnsRecords(views: DnsViews, now: number, settings: DnsSettings): Map<string, string[]> {
  const records = new Map<string, string[]>();
  const available = views.endpoints.filter((endpoint) => endpoint.state === 'available');
  for (const endpoint of available) {
    const [regional, ...zonal] = endpoint.dnsNames;
    if (regional !== undefined) add(records, regional, endpoint.ipAddresses);
    zonal.forEach((name, index) => {
      const address = endpoint.ipAddresses[index];
      add(records, name, address === undefined ? [] : [address]);
    });
  }
  for (const endpoint of available) {
    const region = EXECUTE_API_SERVICE.exec(endpoint.serviceName)?.[1];
    if (!endpoint.privateDnsEnabled || region !== endpoint.region) continue;
    add(records, `execute-api.${region}.amazonaws.com`, endpoint.ipAddresses);
    for (const api of views.restApis) {
      if (api.region === region)
        add(records, `${api.restApiId}.execute-api.${region}.amazonaws.com`, endpoint.ipAddresses);
    }
  }
  if (!settings.neverPropagate) {
    for (const association of views.associations) {
      if (now < association.associatedAtMs + settings.aliasPropagationMs) continue;
      const apiExists = views.restApis.some(
        (api) => api.restApiId === association.restApiId && api.region === association.region,
      );
      const endpoint = available.find(
        (candidate) =>
          candidate.vpcEndpointId === association.vpcEndpointId && candidate.region === association.region,
      );
      if (!apiExists || !endpoint) continue;
      add(
        records,
        `${association.restApiId}-${association.vpcEndpointId}.execute-api.${association.region}.amazonaws.com`,
        endpoint.ipAddresses,
      );
    }
  }
  return records;
}

/**
 * The IPv4 addresses `name` resolves to at `now` (case-insensitive, trailing dot optional), or
 * undefined when the name does not exist (NXDOMAIN).
 */
export function resolveName(
  name: string,
  views: DnsViews,
  now: number,
  settings: DnsSettings,
): string[] | undefined {
  return dnsRecords(views, now, settings).get(normalizeName(name));
}
