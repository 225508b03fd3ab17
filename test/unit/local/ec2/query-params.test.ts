import { QueryParams } from '../../../../local/services/ec2/query-params';

const paramsOf = (body: string) => new QueryParams(new URLSearchParams(body));

describe('QueryParams', () => {
  it('reads flattened lists in index order when the SDK numbers them', () => {
    // Prepare
    const params = paramsOf('SubnetId.2=subnet-b&SubnetId.1=subnet-a&SubnetId.10=subnet-j');

    // Act
    const subnets = params.list('SubnetId');

    // Assess
    expect(subnets).toEqual(['subnet-a', 'subnet-b', 'subnet-j']);
  });

  it('reads filters with several values when the SDK sends Filter.N.Value.M', () => {
    // Prepare
    const params = paramsOf(
      'Filter.1.Name=vpc-id&Filter.1.Value.1=vpc-a&Filter.1.Value.2=vpc-b&Filter.2.Name=tag%3AName&Filter.2.Value.1=x',
    );

    // Act
    const filters = params.filters();

    // Assess
    expect(filters).toEqual([
      { name: 'vpc-id', values: ['vpc-a', 'vpc-b'] },
      { name: 'tag:Name', values: ['x'] },
    ]);
  });

  it('reads tag specifications when CreateVpcEndpoint carries them', () => {
    // Prepare
    const params = paramsOf(
      'TagSpecification.1.ResourceType=vpc-endpoint&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=papi',
    );

    // Act
    const specs = params.tagSpecifications();

    // Assess
    expect(specs).toEqual([{ resourceType: 'vpc-endpoint', tags: [{ key: 'Name', value: 'papi' }] }]);
  });

  it('fails with MissingParameter naming the parameter when a required one is empty', () => {
    // Prepare
    const params = paramsOf('VpcId=');

    // Act
    const read = () => params.required('VpcId');

    // Assess
    expect(read).toThrow(
      expect.objectContaining({ code: 'MissingParameter', message: expect.stringContaining('VpcId') }),
    );
  });

  it('fails with InvalidParameterValue when a boolean is neither true nor false', () => {
    // Prepare
    const params = paramsOf('PrivateDnsEnabled=yes');

    // Act
    const read = () => params.boolean('PrivateDnsEnabled');

    // Assess
    expect(read).toThrow(expect.objectContaining({ code: 'InvalidParameterValue' }));
  });

  it('gives the same fingerprint when only the parameter order and the client token differ', () => {
    // Prepare
    const first = paramsOf('Action=CreateVpcEndpoint&VpcId=vpc-a&ServiceName=s&ClientToken=one');
    const second = paramsOf(
      'ServiceName=s&ClientToken=two&VpcId=vpc-a&Action=CreateVpcEndpoint&Version=2016-11-15',
    );

    // Act
    const fingerprints = [first.fingerprint(['ClientToken']), second.fingerprint(['ClientToken'])];

    // Assess
    expect(fingerprints[0]).toBe(fingerprints[1]);
    expect(paramsOf('VpcId=vpc-b&ServiceName=s').fingerprint(['ClientToken'])).not.toBe(fingerprints[0]);
  });
});
