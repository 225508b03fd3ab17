import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSeed } from '../../../../local/seed';

const VPC = {
  vpcId: 'vpc-0f1e2d3c4b5a69781',
  cidrBlock: '10.20.0.0/16',
  enableDnsSupport: true,
  enableDnsHostnames: true,
};

/** A seed with the one VPC and a single subnet with these fields. */
function seedWithSubnet(subnet: Record<string, string>) {
  return {
    vpcs: [VPC],
    subnets: [
      {
        subnetId: 'subnet-0a1b2c3d4e5f60001',
        vpcId: VPC.vpcId,
        cidrBlock: '10.20.1.0/24',
        availabilityZone: 'us-east-1a',
        ...subnet,
      },
    ],
  };
}

function writeSeed(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'papi-seed-')), 'seed.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe('loadSeed', () => {
  it('loads the shipped seed when no path is given', () => {
    // Act
    const seed = loadSeed();

    // Assess
    const withDns = seed.vpcs.find((vpc) => vpc.cidrBlock === '10.20.0.0/16');
    const withoutDns = seed.vpcs.find((vpc) => vpc.cidrBlock === '10.30.0.0/16');
    expect(withDns).toMatchObject({ enableDnsSupport: true, enableDnsHostnames: true });
    expect(withoutDns).toMatchObject({ enableDnsSupport: false, enableDnsHostnames: false });
    expect(
      new Set(seed.subnets.filter((s) => s.vpcId === withDns?.vpcId).map((s) => s.availabilityZone)),
    ).toEqual(new Set(['us-east-1a', 'us-east-1b']));
    for (const resource of [...seed.vpcs, ...seed.subnets, ...seed.securityGroups]) {
      expect(resource.tags.Name).toEqual(expect.any(String));
    }
  });

  it('names the field when a subnet points at an unknown VPC', () => {
    // Prepare
    const path = writeSeed(seedWithSubnet({ vpcId: 'vpc-0f1e2d3c4b5a69789' }));

    // Act
    const load = () => loadSeed(path);

    // Assess
    expect(load).toThrow(/subnets\.0\.vpcId: unknown VPC 'vpc-0f1e2d3c4b5a69789'/);
  });

  it('names the field when an id does not have the EC2 shape', () => {
    // Prepare
    const path = writeSeed({
      vpcs: [{ ...VPC, vpcId: 'my-vpc' }],
    });

    // Act
    const load = () => loadSeed(path);

    // Assess
    expect(load).toThrow(/vpcs\.0\.vpcId: expected a VPC id/);
  });

  it('rejects a subnet CIDR outside its VPC when the seed is inconsistent', () => {
    // Prepare
    const path = writeSeed(seedWithSubnet({ cidrBlock: '10.99.1.0/24' }));

    // Act
    const load = () => loadSeed(path);

    // Assess
    expect(load).toThrow(/subnets\.0\.cidrBlock: 10\.99\.1\.0\/24 is not inside/);
  });

  it('fails clearly when the file is not JSON', () => {
    // Prepare
    const path = join(mkdtempSync(join(tmpdir(), 'papi-seed-')), 'seed.json');
    writeFileSync(path, '{ not json');

    // Act
    const load = () => loadSeed(path);

    // Assess
    expect(load).toThrow(/cannot read JSON/);
  });
});
