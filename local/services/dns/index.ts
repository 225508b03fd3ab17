import DNS from 'dns2';
import type { Clock } from '../../core/clock';
import type { ApiGatewayView, Ec2View } from '../../core/views';
import { createDnsControl } from './dns-control';
import { type DnsSettings, type DnsViews, dnsRecords, privateZones, resolveName } from './resolve-name';
import { type ClientSubnet, selectView, type ViewSelection } from './vpc-view';

export {
  type DnsSettings,
  type DnsViews,
  dnsRecords,
  normalizeName,
  type PrivateZone,
  privateZones,
  resolveName,
} from './resolve-name';
export { type ClientSubnet, type DnsView, selectView, type ViewSelection } from './vpc-view';

const { Packet } = DNS;
/** Route 53 alias records to interface endpoints carry a 60 s TTL. */
const RECORD_TTL_SECONDS = 60;
/** Standard query (RFC 1035 OPCODE 0): the only kind answered. */
const OPCODE_QUERY = 0;

export interface DnsServerOptions {
  /** Loopback only: the server is never reachable from elsewhere. */
  readonly host: '127.0.0.1';
  /** UDP port; 0 picks a free one. */
  readonly port: number;
  readonly clock: Clock;
  readonly ec2: Ec2View;
  readonly apigateway: ApiGatewayView;
  /** Simulated ms from an association until its alias resolves (AWS: minutes). */
  readonly aliasPropagationMs: number;
}

export interface DnsServer {
  readonly port: number;
  /** `never-propagate {enabled}`; `status {}` lists the public names and private zones answered now. */
  control(action: string, input: Record<string, unknown>): unknown;
  close(): Promise<void>;
}

type Request = DNS.Packet;
type Send = (response: DNS.Packet) => Promise<Buffer>;
type EcsOption = DNS.Packet.EcsOption;

const isEcsOption = (option: DNS.Packet.EdnsOption): option is EcsOption =>
  option.ednsCode === Packet.EDNS_OPTION_CODE.ECS;

/** The request's OPT record (RFC 6891), if it signalled EDNS. */
function optOf(request: Request): DNS.Packet.Resource | undefined {
  return request.additionals.find((record) => record.type === Packet.TYPE.EDNS);
}

/**
 * An error answer; to an EDNS request with an Extended DNS Error (RFC 8914) saying why, which
 * `dig` prints as `EDE: … (…)`.
 */
function failWith(request: Request, rcode: number, infoCode: number, extraText: string): DNS.Packet {
  return Packet.createErrorResponseFromRequest(request, rcode, { infoCode, extraText });
}

/**
 * The view a request is answered from, read from its EDNS Client Subnet option (vpc-view.ts);
 * or the answer that refuses it: FORMERR for a wrongly formatted option (RFC 7871 §7.2.1),
 * REFUSED with the reason when the subnet lies in several VPCs.
 */
function viewOf(
  request: Request,
  opt: DNS.Packet.Resource | undefined,
  current: DnsViews,
):
  | { readonly subnet: EcsOption | undefined; readonly selection: ViewSelection & { outcome: 'view' } }
  | { readonly rejection: DNS.Packet } {
  const [subnet, ...extra] = (opt?.rdata ?? []).filter(isEcsOption);
  if (extra.length > 0) {
    return {
      rejection: failWith(
        request,
        Packet.RCODE.FORMERR,
        Packet.EDE.INVALID_DATA,
        'more than one EDNS Client Subnet option',
      ),
    };
  }
  const clientSubnet: ClientSubnet | undefined = subnet && {
    family: subnet.family,
    sourcePrefixLength: subnet.sourcePrefixLength,
    address: subnet.ip,
  };
  const selection = selectView(clientSubnet, current.vpcs, current.endpoints);
  switch (selection.outcome) {
    case 'view':
      return { subnet, selection };
    case 'malformed':
      return {
        rejection: failWith(
          request,
          Packet.RCODE.FORMERR,
          Packet.EDE.INVALID_DATA,
          `EDNS Client Subnet: ${selection.reason}`,
        ),
      };
    case 'ambiguous':
      return {
        rejection: failWith(
          request,
          Packet.RCODE.REFUSED,
          Packet.EDE.OTHER,
          `client subnet ${clientSubnet?.address}/${clientSubnet?.sourcePrefixLength} lies in the CIDR blocks of ` +
            `${selection.vpcIds.join(', ')}: send the address of one of that VPC's endpoint interfaces`,
        ),
      };
  }
}

/**
 * The local cloud's DNS server (real DNS over UDP on 127.0.0.1): answers A queries for VPC
 * endpoint names and association aliases (public) and, as seen from inside a VPC, the private
 * hosted zones of that VPC's endpoints with private DNS, from the EC2 and API Gateway views, on
 * the simulated clock; NXDOMAIN for anything else. Point a resolver at it with
 * `resolver.setServers(['127.0.0.1:PORT'])`; ask as a VPC would with an EDNS Client Subnet
 * (RFC 7871) holding an address of that VPC (`dig @127.0.0.1 -p PORT +subnet=10.20.1.5 NAME`):
 * see vpc-view.ts. Without one, the asker stands outside every VPC.
 */
export async function startDnsServer(options: DnsServerOptions): Promise<DnsServer> {
  const settings: { -readonly [K in keyof DnsSettings]: DnsSettings[K] } = {
    aliasPropagationMs: options.aliasPropagationMs,
    neverPropagate: false,
  };
  const views = (): DnsViews => ({
    vpcs: options.ec2.vpcs(),
    endpoints: options.ec2.vpcEndpoints(),
    restApis: options.apigateway.restApis(),
    associations: options.apigateway.associations(),
  });

  const answer = (request: Request): DNS.Packet => {
    const [question, ...others] = request.questions;
    if (request.header.opcode !== OPCODE_QUERY) {
      return Packet.createErrorResponseFromRequest(request, Packet.RCODE.NOTIMP);
    }
    if (!question || others.length > 0 || request.errors.length > 0) {
      return Packet.createErrorResponseFromRequest(request, Packet.RCODE.FORMERR);
    }
    const opt = optOf(request);
    const current = views();
    const asked = viewOf(request, opt, current);
    if ('rejection' in asked) return asked.rejection;
    const { subnet, selection } = asked;
    const addresses = resolveName(question.name, current, options.clock.now(), settings, selection.view);
    const response = Packet.createResponseFromRequest(request);
    response.header.aa = 1;
    if (addresses === undefined) response.header.rcode = Packet.RCODE.NXDOMAIN;
    if (addresses && (question.type === Packet.TYPE.A || question.type === Packet.TYPE.ANY)) {
      for (const address of addresses) {
        response.answers.push(
          Packet.createResourceFromQuestion(question, {
            type: Packet.TYPE.A,
            class: Packet.CLASS.IN,
            ttl: RECORD_TTL_SECONDS,
            address,
          }),
        );
      }
    }
    // RFC 6891 §6.1.1: an EDNS request gets an OPT back. RFC 7871 §7.2.1: an ECS option gets its
    // FAMILY, SOURCE PREFIX-LENGTH and ADDRESS echoed with the SCOPE the answer holds for (dns2
    // cannot encode FAMILY 0, whose answer holds for everyone: no option then, which a resolver
    // reads as scope 0).
    if (opt) {
      const echo: EcsOption[] =
        subnet && subnet.family !== 0 ? [{ ...subnet, scopePrefixLength: selection.scopePrefixLength }] : [];
      response.additionals.push(Packet.Resource.EDNS(echo));
    }
    return response;
  };

  const server = DNS.createUDPServer();
  server.on('request', (request: Request, send: Send) => {
    let response: DNS.Packet;
    try {
      response = answer(request);
    } catch {
      response = Packet.createErrorResponseFromRequest(request, Packet.RCODE.SERVFAIL);
    }
    send(response).catch(() => undefined);
  });
  // An undecodable datagram has no id to answer to: drop it, never crash.
  server.on('requestError', () => undefined);
  server.on('error', () => undefined);
  await server.listen(options.port, options.host);
  const { port } = server.address();

  return {
    port,
    control: createDnsControl(
      settings,
      () => dnsRecords(views(), options.clock.now(), settings),
      () => privateZones(views()),
    ),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}
