import { execFile, spawnSync } from 'node:child_process';
import { Resolver } from 'node:dns/promises';
import { promisify } from 'node:util';
import { CreateVpcEndpointCommand, DescribeNetworkInterfacesCommand, EC2Client } from '@aws-sdk/client-ec2';
import DNS from 'dns2';
import { dnsResolver } from '../../../shared/aws/dns-resolver';
import { startTestCloud, type TestCloud } from '../../support/local-cloud';
import { type SeededVpc, writeSeedWithVpcs } from '../../support/vpc-seed';

/** 60 s for an endpoint to become available take 60 ms of real time. */
const TIME_SCALE = 1000;
const AVAILABLE_AFTER_MS = 60_000;
/** No such API exists: the private zone is a wildcard and answers it all the same. */
const ANY_API_NAME = 'zzzz999999.execute-api.us-east-1.amazonaws.com';

const run = promisify(execFile);
/**
 * dig (bind9-dnsutils): the same checks with the resolver operators use. CI installs it
 * (.ci/run) and runs these tests always; elsewhere they run where dig is installed.
 */
const withDig = process.env.CI === 'true' || spawnSync('dig', ['-v']).status === 0 ? it : it.skip;

interface Endpoint {
  readonly vpcEndpointId: string;
  readonly addresses: string[];
}

/** What `dig` printed: the status, the A records and the echoed client subnet. */
async function dig(port: number, name: string, subnet?: string) {
  const { stdout } = await run('dig', [
    '@127.0.0.1',
    '-p',
    String(port),
    '+tries=1',
    '+time=2',
    ...(subnet === undefined ? [] : [`+subnet=${subnet}`]),
    name,
    'A',
  ]);
  return {
    status: /status: (\w+)/.exec(stdout)?.[1],
    addresses: [...stdout.matchAll(/\sIN\s+A\s+(\d+\.\d+\.\d+\.\d+)/g)].map((match) => match[1]).sort(),
    clientSubnet: /CLIENT-SUBNET: (\S+)/.exec(stdout)?.[1],
  };
}

describe('local DNS answers as each VPC sees it (EDNS Client Subnet, RFC 7871)', () => {
  let cloud: TestCloud;
  let ec2: EC2Client;
  let vpcA: SeededVpc;
  let vpcB: SeededVpc;
  let endpointA: Endpoint;
  let endpointB: Endpoint;

  async function privateDnsEndpoint(vpc: SeededVpc): Promise<Endpoint> {
    const { VpcEndpoint } = await ec2.send(
      new CreateVpcEndpointCommand({
        VpcId: vpc.vpcId,
        ServiceName: 'com.amazonaws.us-east-1.execute-api',
        VpcEndpointType: 'Interface',
        SubnetIds: [...vpc.subnetIds],
        SecurityGroupIds: [vpc.httpsGroupId],
        PrivateDnsEnabled: true,
      }),
    );
    const { NetworkInterfaces = [] } = await ec2.send(
      new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: VpcEndpoint?.NetworkInterfaceIds }),
    );
    return {
      vpcEndpointId: VpcEndpoint?.VpcEndpointId ?? '',
      addresses: NetworkInterfaces.map((eni) => eni.PrivateIpAddress ?? '').sort(),
    };
  }

  /** dns2's UDP client, sending `clientIp` as an ECS option. */
  async function askWithSubnet(name: string, clientIp: string): Promise<DNS.Packet> {
    const query = DNS.UDPClient({
      dns: '127.0.0.1',
      port: cloud.dnsPort,
      timeout: 2000,
      retryOverTCP: false,
    });
    return query(name, 'A', DNS.Packet.CLASS.IN, { clientIp });
  }
  const addressesIn = (response: DNS.Packet) =>
    response.answers.flatMap((record) => (record.address === undefined ? [] : [record.address])).sort();
  const echoedSubnet = (response: DNS.Packet) =>
    response.additionals
      .flatMap((record) => record.rdata ?? [])
      .find((option) => option.ednsCode === DNS.Packet.EDNS_OPTION_CODE.ECS);

  beforeAll(async () => {
    const seeded = writeSeedWithVpcs(2);
    [vpcA, vpcB] = seeded.vpcs as [SeededVpc, SeededVpc];
    cloud = await startTestCloud({
      timeScale: TIME_SCALE,
      quotas: false,
      endpointAvailableAfterMs: AVAILABLE_AFTER_MS,
      seedFile: seeded.seedFile,
    });
    ec2 = new EC2Client({ ...cloud.clientConfig, maxAttempts: 1 });
    endpointA = await privateDnsEndpoint(vpcA);
    endpointB = await privateDnsEndpoint(vpcB);
    await cloud.clock.sleep(AVAILABLE_AFTER_MS);
  });

  afterAll(async () => {
    ec2.destroy();
    await cloud.stop();
  });

  it("answers any API id's default name from VPC A's view with A's endpoint and from B's with B's", async () => {
    // Act: an address of each VPC (not an endpoint's), as a function running there would send
    const fromA = await askWithSubnet(ANY_API_NAME, '10.100.1.200/32');
    const fromB = await askWithSubnet(ANY_API_NAME, '10.101.2.7/32');

    // Assess
    expect(fromA.header.rcode).toBe(DNS.Packet.RCODE.NOERROR);
    expect(addressesIn(fromA)).toEqual(endpointA.addresses);
    expect(addressesIn(fromB)).toEqual(endpointB.addresses);
    expect(endpointA.addresses).not.toEqual(endpointB.addresses);
  });

  it('echoes the client subnet with the scope of the answer: the whole VPC block', async () => {
    // Act
    const response = await askWithSubnet(ANY_API_NAME, '10.100.1.200/32');

    // Assess
    expect(echoedSubnet(response)).toEqual({
      ednsCode: DNS.Packet.EDNS_OPTION_CODE.ECS,
      family: 1,
      sourcePrefixLength: 32,
      scopePrefixLength: 16,
      ip: '10.100.1.200',
    });
  });

  it('answers NXDOMAIN for the private name to an asker outside every VPC (node:dns, no option)', async () => {
    // Prepare
    const resolver = new Resolver({ timeout: 1000, tries: 1 });
    resolver.setServers([`127.0.0.1:${cloud.dnsPort}`]);

    // Act
    const lookup = resolver.resolve4(ANY_API_NAME);
    const outsideEveryVpc = await askWithSubnet(ANY_API_NAME, '192.168.1.1/32');

    // Assess
    await expect(lookup).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect(outsideEveryVpc.header.rcode).toBe(DNS.Packet.RCODE.NXDOMAIN);
    expect(echoedSubnet(outsideEveryVpc)).toMatchObject({ sourcePrefixLength: 32, scopePrefixLength: 32 });
  });

  it("keeps an endpoint's own names public: every asker sees them", async () => {
    // Prepare
    const resolver = new Resolver({ timeout: 1000, tries: 1 });
    resolver.setServers([`127.0.0.1:${cloud.dnsPort}`]);
    const status = (await cloud.control('dns', 'status', {})) as {
      names: { name: string; addresses: string[] }[];
    };
    const regionalB =
      status.names.find((entry) => entry.name.startsWith(`${endpointB.vpcEndpointId}-`))?.name ?? '';

    // Act
    const publicly = (await resolver.resolve4(regionalB)).sort();
    const fromA = addressesIn(await askWithSubnet(regionalB, '10.100.1.200/32'));

    // Assess
    expect(publicly).toEqual(endpointB.addresses);
    expect(fromA).toEqual(endpointB.addresses);
  });

  it('lists each VPC with a private-DNS endpoint and its zone in the control status', async () => {
    // Act
    const status = (await cloud.control('dns', 'status', {})) as {
      privateZones: { vpcId: string; zoneName: string; addresses: string[] }[];
    };

    // Assess
    expect(status.privateZones).toEqual(
      expect.arrayContaining([
        {
          vpcId: vpcA.vpcId,
          zoneName: 'execute-api.us-east-1.amazonaws.com',
          addresses: endpointA.addresses,
        },
        {
          vpcId: vpcB.vpcId,
          zoneName: 'execute-api.us-east-1.amazonaws.com',
          addresses: endpointB.addresses,
        },
      ]),
    );
  });

  it('rejects a client subnet with address bits past its prefix with FORMERR', async () => {
    // Act: 10.100/12 (dns2 sends the two octets 10.100, whose low bits lie past /12)
    const response = await askWithSubnet(ANY_API_NAME, '10.100.0.0/12');

    // Assess
    expect(response.header.rcode).toBe(DNS.Packet.RCODE.FORMERR);
  });

  it("resolves through the control plane's resolver as seen from a VPC, and publicly without", async () => {
    // Prepare
    const resolve = dnsResolver([`127.0.0.1:${cloud.dnsPort}`]);
    const [addressOfA = ''] = endpointA.addresses;
    const [addressOfB = ''] = endpointB.addresses;

    // Act
    const fromA = await resolve(ANY_API_NAME, { asSeenFrom: addressOfA });
    const fromB = await resolve(ANY_API_NAME, { asSeenFrom: addressOfB });
    const publicly = await resolve(ANY_API_NAME);

    // Assess
    expect([...(fromA === 'nxdomain' ? [] : fromA)].sort()).toEqual(endpointA.addresses);
    expect([...(fromB === 'nxdomain' ? [] : fromB)].sort()).toEqual(endpointB.addresses);
    expect(publicly).toBe('nxdomain');
  });

  withDig('answers dig as each VPC would with +subnet, and NXDOMAIN without', async () => {
    // Act
    const fromA = await dig(cloud.dnsPort, ANY_API_NAME, '10.100.7.7');
    const fromB = await dig(cloud.dnsPort, ANY_API_NAME, '10.101.0.0/16');
    const publicly = await dig(cloud.dnsPort, ANY_API_NAME);

    // Assess
    expect(fromA).toEqual({
      status: 'NOERROR',
      addresses: endpointA.addresses,
      clientSubnet: '10.100.7.7/32/16',
    });
    expect(fromB).toEqual({
      status: 'NOERROR',
      addresses: endpointB.addresses,
      clientSubnet: '10.101.0.0/16/16',
    });
    expect(publicly).toMatchObject({ status: 'NXDOMAIN', addresses: [] });
  });
});
