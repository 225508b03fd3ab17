import DNS from 'dns2';
import type { Clock } from '../../core/clock';
import type { ApiGatewayView, Ec2View } from '../../core/views';
import { createDnsControl } from './dns-control';
import { type DnsSettings, type DnsViews, dnsRecords, resolveName } from './resolve-name';

export { type DnsSettings, type DnsViews, dnsRecords, normalizeName, resolveName } from './resolve-name';

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
  /** `never-propagate {enabled}`; `status {}` lists the names answered now. */
  control(action: string, input: Record<string, unknown>): unknown;
  close(): Promise<void>;
}

type Request = DNS.Packet;
type Send = (response: DNS.Packet) => Promise<Buffer>;

/**
 * The local cloud's DNS server (real DNS over UDP on 127.0.0.1): answers A queries for VPC
 * endpoint names, private-DNS API names and association aliases from the EC2 and API Gateway
 * views, on the simulated clock; NXDOMAIN for anything else. Point a resolver at it with
 * `resolver.setServers(['127.0.0.1:PORT'])`.
 */
export async function startDnsServer(options: DnsServerOptions): Promise<DnsServer> {
  const settings: { -readonly [K in keyof DnsSettings]: DnsSettings[K] } = {
    aliasPropagationMs: options.aliasPropagationMs,
    neverPropagate: false,
  };
  const views = (): DnsViews => ({
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
    const addresses = resolveName(question.name, views(), options.clock.now(), settings);
    if (addresses === undefined) return Packet.createErrorResponseFromRequest(request, Packet.RCODE.NXDOMAIN);
    const response = Packet.createResponseFromRequest(request);
    response.header.aa = 1;
    if (question.type === Packet.TYPE.A || question.type === Packet.TYPE.ANY) {
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
    control: createDnsControl(settings, () => dnsRecords(views(), options.clock.now(), settings)),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}
