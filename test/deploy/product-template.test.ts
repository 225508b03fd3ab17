import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { yamlParse } from 'yaml-cfn';
import { responseData } from '../../shared/custom-resource/answer-callback';
import { PROPERTY_FIELDS } from '../../shared/custom-resource/resource-properties';
import { REPO_ROOT } from './support/node-22';

/** The Service Catalog product's provisioning template. */
const PRODUCT_TEMPLATE = join(REPO_ROOT, 'infra', 'service-catalog', 'private-api-product.yml');

interface ProductTemplate {
  readonly Parameters: Record<string, { readonly Type: string; readonly AllowedValues?: string[] }>;
  readonly Resources: Record<string, { readonly Type: string; readonly Properties: Record<string, unknown> }>;
  readonly Outputs: Record<string, { readonly Value: Record<string, string | string[]> }>;
  readonly Metadata: Record<string, { readonly ParameterGroups: { readonly Parameters: string[] }[] }>;
}

describe('the Service Catalog product template', () => {
  const template = yamlParse(readFileSync(PRODUCT_TEMPLATE, 'utf8')) as ProductTemplate;
  const resource = template.Resources.PrivateApi;

  it('passes cfn-lint', () => {
    // Act
    const lint = spawnSync('cfn-lint', ['--format', 'parseable', PRODUCT_TEMPLATE], { encoding: 'utf8' });

    // Assess
    expect(`${lint.stdout}${lint.stderr}`.trim()).toBe('');
    expect(lint.status).toBe(0);
  });

  it('gives its one Custom::PrivateApi only properties the provider knows, and a ServiceTimeout', () => {
    // Act
    const properties = Object.keys(resource?.Properties ?? {}).filter(
      (name) => name !== 'ServiceToken' && name !== 'ServiceTimeout',
    );

    // Assess
    expect(resource?.Type).toBe('Custom::PrivateApi');
    expect(properties.filter((name) => !(name in PROPERTY_FIELDS))).toEqual([]);
    expect(resource?.Properties.ServiceTimeout).toBe(3600);
    expect(resource?.Properties.ServiceToken).toEqual({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub placeholder, not JavaScript's.
      'Fn::ImportValue': { 'Fn::Sub': 'papi-${ControlPlaneStage}-ServiceToken' },
    });
  });

  it('outputs only attributes the provider answers with', () => {
    // Prepare
    const answered = Object.keys(
      responseData('k', {
        apiId: 'a',
        vpcEndpointId: 'v',
        stageName: 's',
        invokeUrls: { alias: 'x', endpoint: { url: 'e' } },
      }),
    );

    // Act
    // `!GetAtt PrivateApi.ApiId` parses as ["PrivateApi", "ApiId"].
    const read = Object.values(template.Outputs).map((output) => {
      const getAtt = output.Value['Fn::GetAtt'];
      return Array.isArray(getAtt) ? String(getAtt[1]) : String(getAtt).replace(/^PrivateApi\./, '');
    });

    // Assess
    expect(read.filter((attribute) => !answered.includes(attribute))).toEqual([]);
    expect(read).toEqual(
      expect.arrayContaining(['ApiId', 'PrivateDnsUrl', 'AliasUrl', 'EndpointUrl', 'VpcEndpointId']),
    );
  });

  it('types the network parameters for the catalog launch page and groups every parameter', () => {
    // Act
    const grouped = template.Metadata['AWS::CloudFormation::Interface']?.ParameterGroups.flatMap(
      (group) => group.Parameters,
    );

    // Assess
    expect(template.Parameters.VpcId?.Type).toBe('AWS::EC2::VPC::Id');
    expect(template.Parameters.SubnetIds?.Type).toBe('List<AWS::EC2::Subnet::Id>');
    expect(template.Parameters.SecurityGroupIds?.Type).toBe('List<AWS::EC2::SecurityGroup::Id>');
    expect(template.Parameters.PrivateDns?.AllowedValues).toEqual(['true', 'false']);
    expect([...(grouped ?? [])].sort()).toEqual(Object.keys(template.Parameters).sort());
  });
});
