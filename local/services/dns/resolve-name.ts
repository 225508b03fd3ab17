import type { AssociationView, EndpointView, RestApiView, VpcView } from '../../core/views';
import { type DnsView, PUBLIC_VIEW } from './vpc-view';

/** What the DNS server answers from: the EC2 and API Gateway views at one moment. */
export interface DnsViews {
  readonly vpcs: readonly VpcView[];
  readonly endpoints: readonly EndpointView[];
  readonly restApis: readonly RestApiView[];
  readonly associations: readonly AssociationView[];
}

/** A private hosted zone as a VPC sees it: the apex and every name under it, one answer. */
export interface PrivateZone {
  readonly vpcId: string;
  /** e.g. `execute-api.us-east-1.amazonaws.com`, with the wildcard `*.` below it. */
  readonly zoneName: string;
  readonly addresses: readonly string[];
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
 * Every public name the local DNS answers at simulated time `now`, with its IPv4 addresses: what
 * any asker sees, inside a VPC or outside every one:
 * - an AVAILABLE endpoint's own names: the regional name → all its ENI addresses, each zonal
 *   name → the address in that zone (`dnsNames[1 + i]` ↔ `ipAddresses[i]`);
 * - an association's alias `{api-id}-{vpce-id}.execute-api.{region}.amazonaws.com` once
 *   `aliasPropagationMs` have passed since the association, while the API, the association and
 *   the available endpoint all exist (a public Route 53 alias: docs/aws-facts.md, Private REST
 *   APIs, invocation form 2).
 * The private DNS name `{api-id}.execute-api.{region}.amazonaws.com` is not public: only
 * `privateZones` answer it, inside the endpoint's VPC.
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
 * The private hosted zones of `vpcId` (every VPC's when absent): an AVAILABLE execute-api
 * endpoint with private DNS gives its VPC the zone `execute-api.{region}.amazonaws.com` with a
 * wildcard, both answering with the endpoint's ENI addresses. Inside that VPC every name under
 * the zone, of any API id (existing or not, private or public, an alias too), resolves to that
 * VPC's own endpoint; no other VPC sees the zone (docs/aws-facts.md, Private REST APIs).
 */
export function privateZones(views: DnsViews, vpcId?: string): PrivateZone[] {
  const zones = new Map<string, { vpcId: string; zoneName: string; addresses: string[] }>();
  for (const endpoint of views.endpoints) {
    const region = EXECUTE_API_SERVICE.exec(endpoint.serviceName)?.[1];
    if (endpoint.state !== 'available' || !endpoint.privateDnsEnabled || region !== endpoint.region) continue;
    if (vpcId !== undefined && endpoint.vpcId !== vpcId) continue;
    const zoneName = `execute-api.${region}.amazonaws.com`;
    const key = `${endpoint.vpcId} ${zoneName}`;
    const zone = zones.get(key) ?? { vpcId: endpoint.vpcId, zoneName, addresses: [] };
    zone.addresses.push(...endpoint.ipAddresses.filter((address) => !zone.addresses.includes(address)));
    zones.set(key, zone);
  }
  return [...zones.values()];
}

/**
 * The IPv4 addresses `name` resolves to at `now` as seen from `view` (case-insensitive,
 * trailing dot optional), or undefined when the name does not exist there (NXDOMAIN). Inside a
 * VPC, a private hosted zone that holds the name answers it (Route 53 Resolver prefers the
 * private zone to public DNS for the names under it); every other name is public.
 */
export function resolveName(
  name: string,
  views: DnsViews,
  now: number,
  settings: DnsSettings,
  view: DnsView = PUBLIC_VIEW,
): string[] | undefined {
  const key = normalizeName(name);
  if (view.kind === 'vpc') {
    const zone = privateZones(views, view.vpcId).find(
      ({ zoneName }) => key === zoneName || key.endsWith(`.${zoneName}`),
    );
    if (zone) return [...zone.addresses];
  }
  return dnsRecords(views, now, settings).get(key);
}
