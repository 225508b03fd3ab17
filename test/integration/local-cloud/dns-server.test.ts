import { createSocket } from 'node:dgram';
import { Resolver } from 'node:dns/promises';
import DNS from 'dns2';
import { AwsError } from '../../../local/core/aws-error';
import { Clock } from '../../../local/core/clock';
import type { CloudRequest } from '../../../local/core/types';
import type {
  ApiGatewayView,
  AssociationView,
  EndpointView,
  RestApiView,
  VpcView,
} from '../../../local/core/views';
import { type DnsServer, startDnsServer } from '../../../local/services/dns';
import { createEc2Service, loadSeed } from '../../../local/services/ec2';
import { dnsResolver } from '../../../shared/aws/dns-resolver';

/** 90 s of simulated propagation take 90 ms of real time. */
const TIME_SCALE = 1000;
const ALIAS_PROPAGATION_MS = 90_000;
const VPCE = 'vpce-0123456789abcdef0';
const API = 'a1b2c3d4e5';
const REGIONAL = `${VPCE}-abcd1234.execute-api.us-east-1.vpce.amazonaws.com`;
const ALIAS = `${API}-${VPCE}.execute-api.us-east-1.amazonaws.com`;

interface World {
  vpcs: VpcView[];
  endpoints: EndpointView[];
  restApis: RestApiView[];
  associations: AssociationView[];
}

function resolverFor(server: DnsServer): Resolver {
  const resolver = new Resolver({ timeout: 1000, tries: 1 });
  resolver.setServers([`127.0.0.1:${server.port}`]);
  return resolver;
}

/** A query with an EDNS Client Subnet option (RFC 7871), which node:dns cannot send. */
function askWithSubnet(server: DnsServer, name: string, clientIp: string): Promise<DNS.Packet> {
  const query = DNS.UDPClient({ dns: '127.0.0.1', port: server.port, timeout: 1000, retryOverTCP: false });
  return query(name, 'A', DNS.Packet.CLASS.IN, { clientIp });
}

function apigatewayView(world: World): ApiGatewayView {
  return { restApis: () => world.restApis, associations: () => world.associations };
}

describe('local DNS server (hand-made views)', () => {
  let clock: Clock;
  let world: World;
  let server: DnsServer;
  let resolver: Resolver;

  beforeEach(async () => {
    clock = new Clock(TIME_SCALE);
    world = {
      vpcs: [{ vpcId: 'vpc-0f1e2d3c4b5a69781', region: 'us-east-1', cidrBlocks: ['10.20.0.0/16'] }],
      endpoints: [
        {
          vpcEndpointId: VPCE,
          vpcId: 'vpc-0f1e2d3c4b5a69781',
          region: 'us-east-1',
          serviceName: 'com.amazonaws.us-east-1.execute-api',
          state: 'available',
          privateDnsEnabled: true,
          ipAddresses: ['10.20.1.10', '10.20.2.20'],
          dnsNames: [REGIONAL, `${VPCE}-abcd1234-us-east-1a.execute-api.us-east-1.vpce.amazonaws.com`],
        },
      ],
      restApis: [{ restApiId: API, region: 'us-east-1', endpointTypes: ['PRIVATE'] }],
      associations: [],
    };
    server = await startDnsServer({
      host: '127.0.0.1',
      port: 0,
      clock,
      ec2: { vpcEndpoints: () => world.endpoints, vpcs: () => world.vpcs },
      apigateway: apigatewayView(world),
      aliasPropagationMs: ALIAS_PROPAGATION_MS,
    });
    resolver = resolverFor(server);
  });

  afterEach(async () => {
    await server.close();
  });

  it('answers A records for an available endpoint name, whatever the case', async () => {
    // Act
    const addresses = await resolver.resolve4(REGIONAL.toUpperCase());

    // Assess
    expect(addresses).toEqual(['10.20.1.10', '10.20.2.20']);
  });

  it('answers NXDOMAIN (ENOTFOUND) for an unknown name', async () => {
    // Act
    const lookup = resolver.resolve4('nothing-here.execute-api.us-east-1.amazonaws.com');

    // Assess
    await expect(lookup).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('answers no AAAA records (ENODATA) for a name that exists', async () => {
    // Act
    const lookup = resolver.resolve6(REGIONAL);

    // Assess
    await expect(lookup).rejects.toMatchObject({ code: 'ENODATA' });
  });

  it("resolves the private-DNS name only as seen from the endpoint's VPC", async () => {
    // Prepare
    const name = `${API}.execute-api.us-east-1.amazonaws.com`;

    // Act
    const publicly = resolver.resolve4(name);
    const fromTheVpc = await askWithSubnet(server, name, '10.20.9.9/32');

    // Assess
    await expect(publicly).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect(fromTheVpc.answers.map((record) => record.address)).toEqual(['10.20.1.10', '10.20.2.20']);
  });

  it('refuses, saying why, a client subnet that lies in two VPCs with overlapping CIDRs', async () => {
    // Prepare: a second VPC with the same CIDR, whose endpoint is at 10.20.1.30
    world.vpcs.push({ vpcId: 'vpc-0b0b0b0b0b0b0b0b0', region: 'us-east-1', cidrBlocks: ['10.20.0.0/16'] });
    world.endpoints.push({
      vpcEndpointId: 'vpce-0b0b0b0b0b0b0b0b0',
      vpcId: 'vpc-0b0b0b0b0b0b0b0b0',
      region: 'us-east-1',
      serviceName: 'com.amazonaws.us-east-1.execute-api',
      state: 'available',
      privateDnsEnabled: true,
      ipAddresses: ['10.20.1.30'],
      dnsNames: [],
    });
    const name = `${API}.execute-api.us-east-1.amazonaws.com`;

    // Act
    const anyAddress = await askWithSubnet(server, name, '10.20.9.9/32');
    const anEndpointsAddress = await askWithSubnet(server, name, '10.20.1.30/32');
    const throughTheControlPlane = dnsResolver([`127.0.0.1:${server.port}`])(name, {
      asSeenFrom: '10.20.9.9',
    });

    // Assess
    expect(anyAddress.header.rcode).toBe(DNS.Packet.RCODE.REFUSED);
    expect(JSON.stringify(anyAddress.additionals)).toContain(
      'lies in the CIDR blocks of vpc-0b0b0b0b0b0b0b0b0, vpc-0f1e2d3c4b5a69781',
    );
    expect(anEndpointsAddress.answers.map((record) => record.address)).toEqual(['10.20.1.30']);
    await expect(throughTheControlPlane).rejects.toThrow(
      /^DNS REFUSED for .* as seen from 10\.20\.9\.9: client subnet 10\.20\.9\.9\/32 lies in the CIDR blocks of/,
    );
  });

  it('resolves an association alias only after the simulated propagation delay', async () => {
    // Prepare
    world.associations = [
      { restApiId: API, region: 'us-east-1', vpcEndpointId: VPCE, associatedAtMs: clock.now() },
    ];

    // Act
    const early = resolver.resolve4(ALIAS);
    await expect(early).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await clock.sleep(ALIAS_PROPAGATION_MS);
    const late = await resolver.resolve4(ALIAS);

    // Assess
    expect(late).toEqual(['10.20.1.10', '10.20.2.20']);
  });

  it('stops resolving the alias after disassociation', async () => {
    // Prepare
    world.associations = [
      {
        restApiId: API,
        region: 'us-east-1',
        vpcEndpointId: VPCE,
        associatedAtMs: clock.now() - ALIAS_PROPAGATION_MS,
      },
    ];
    await expect(resolver.resolve4(ALIAS)).resolves.toHaveLength(2);

    // Act
    world.associations = [];
    const lookup = resolver.resolve4(ALIAS);

    // Assess
    await expect(lookup).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('keeps aliases unresolved while never-propagate is on, and lists what it answers in status', async () => {
    // Prepare
    world.associations = [
      {
        restApiId: API,
        region: 'us-east-1',
        vpcEndpointId: VPCE,
        associatedAtMs: clock.now() - ALIAS_PROPAGATION_MS,
      },
    ];

    // Act
    server.control('never-propagate', { enabled: true });
    const blocked = resolver.resolve4(ALIAS);
    const status = server.control('status', {});

    // Assess
    await expect(blocked).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect(status).toMatchObject({
      neverPropagate: true,
      names: expect.arrayContaining([{ name: REGIONAL, addresses: ['10.20.1.10', '10.20.2.20'] }]),
    });
    expect(() => server.control('never-propagate', { enabled: 'yes' })).toThrow(/enabled/);
  });

  it('survives a malformed packet and keeps answering', async () => {
    // Prepare
    const socket = createSocket('udp4');

    // Act
    await new Promise<void>((resolve) => {
      socket.send(Buffer.from([0xde, 0xad, 0xbe]), server.port, '127.0.0.1', () => resolve());
    });
    socket.close();
    const addresses = await resolver.resolve4(REGIONAL);

    // Assess
    expect(addresses).toEqual(['10.20.1.10', '10.20.2.20']);
  });
});

function createRequest(body: string): CloudRequest {
  return {
    method: 'POST',
    path: '/',
    query: new URLSearchParams(),
    headers: {},
    body: Buffer.from(`${body}&Version=2016-11-15`),
    region: 'us-east-1',
    accountId: '000000000000',
    service: 'ec2',
    requestId: 'dns-test',
  };
}

describe('local DNS server (real EC2 service)', () => {
  it('resolves an endpoint only once it is available, and no more once deleted', async () => {
    // Prepare
    const clock = new Clock(TIME_SCALE);
    const ec2 = createEc2Service(
      { clock, accountId: '000000000000', defaultRegion: 'us-east-1' },
      { seed: loadSeed(), endpointAvailableAfterMs: 60_000, endpointDeletedAfterMs: 30_000 },
    );
    const server = await startDnsServer({
      host: '127.0.0.1',
      port: 0,
      clock,
      ec2: ec2.view,
      apigateway: { restApis: () => [], associations: () => [] },
      aliasPropagationMs: ALIAS_PROPAGATION_MS,
    });
    const resolver = resolverFor(server);
    const send = async (body: string) => {
      const req = createRequest(body);
      const operation = ec2.operationOf(req);
      if (operation instanceof AwsError) throw operation;
      return String((await ec2.handle(req, operation)).body);
    };
    const created = await send(
      'Action=CreateVpcEndpoint&VpcId=vpc-0f1e2d3c4b5a69781&ServiceName=com.amazonaws.us-east-1.execute-api&VpcEndpointType=Interface&SubnetId.1=subnet-0a1b2c3d4e5f60001&PrivateDnsEnabled=false',
    );
    const vpcEndpointId = /<vpcEndpointId>([^<]+)</.exec(created)?.[1] ?? '';
    const [regional = ''] = ec2.view.vpcEndpoints().flatMap((endpoint) => endpoint.dnsNames);

    try {
      // Act
      const whilePending = resolver.resolve4(regional);
      await expect(whilePending).rejects.toMatchObject({ code: 'ENOTFOUND' });
      await clock.sleep(60_000);
      const whenAvailable = await resolver.resolve4(regional);
      await send(`Action=DeleteVpcEndpoints&VpcEndpointId.1=${vpcEndpointId}`);
      const afterDelete = resolver.resolve4(regional);

      // Assess
      expect(whenAvailable).toHaveLength(1);
      expect(whenAvailable[0]).toMatch(/^10\.20\.1\.\d+$/);
      await expect(afterDelete).rejects.toMatchObject({ code: 'ENOTFOUND' });
    } finally {
      await server.close();
    }
  });
});
