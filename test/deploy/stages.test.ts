import { type CfnTemplate, property, resource } from './support/cloudformation';
import { lambdaFunction } from './support/control-plane-functions';
import { CHECK_REGION, packagedService, runServerless } from './support/packaged-service';

interface ResolvedService {
  readonly provider: { readonly region: string };
  readonly functions: Record<string, { readonly environment?: Record<string, unknown> }>;
  readonly resources: CfnTemplate;
}

describe('per-stage configuration', () => {
  let prod: ResolvedService;
  let ci: CfnTemplate;

  beforeAll(async () => {
    // `print` resolves serverless.yml for a stage without building anything (a few seconds).
    const printed = await runServerless([
      'print',
      '--stage',
      'prod',
      '--region',
      'eu-west-1',
      '--format',
      'json',
      '--param',
      'allowedVpcIds=vpc-0123456789abcdef0,vpc-0fedcba9876543210',
      '--param',
      'allowedAccountIds=000000000000',
      '--param',
      'catalog=published',
      '--param',
      'productTemplateUrl=https://papi-templates.s3.amazonaws.com/private-api-product.yml',
      '--param',
      'catalogPrincipalArn=arn:aws:iam::000000000000:role/app-teams',
    ]);
    prod = JSON.parse(printed) as ResolvedService;
    ci = (await packagedService()).template;
  });

  it('protects the prod status table from deletion and keeps it when the stack goes', () => {
    // Prepare
    const prodTable = resource(prod.resources, 'StatusTable', 'AWS::DynamoDB::Table');
    const ciTable = resource(ci, 'StatusTable', 'AWS::DynamoDB::Table');

    // Act
    const protection = {
      prod: [
        property(prodTable, 'DeletionProtectionEnabled'),
        prodTable.DeletionPolicy,
        prodTable.UpdateReplacePolicy,
      ],
      ci: [
        property(ciTable, 'DeletionProtectionEnabled'),
        ciTable.DeletionPolicy,
        ciTable.UpdateReplacePolicy,
      ],
    };

    // Assess
    expect(protection).toEqual({ prod: [true, 'Retain', 'Retain'], ci: [false, 'Delete', 'Delete'] });
  });

  it('deploys to the Region given, and serves only the accounts and VPCs given as parameters', () => {
    // Prepare
    const intake = prod.functions.intake?.environment ?? {};

    // Act
    const served = {
      region: prod.provider.region,
      accounts: intake.ALLOWED_ACCOUNT_IDS,
      vpcs: intake.ALLOWED_VPC_IDS,
    };

    // Assess
    expect(served).toEqual({
      region: 'eu-west-1',
      accounts: '000000000000',
      vpcs: 'vpc-0123456789abcdef0,vpc-0fedcba9876543210',
    });
  });

  it('serves every account and VPC of a stage without allowlists, and checks DNS only by the public alias', () => {
    // Prepare
    const intake = lambdaFunction(ci, 'intake');
    const checkDns = lambdaFunction(ci, 'checkDns');

    // Act
    const defaults = {
      accounts: property(intake, 'Environment', 'Variables', 'ALLOWED_ACCOUNT_IDS'),
      vpcs: property(intake, 'Environment', 'Variables', 'ALLOWED_VPC_IDS'),
      privateName: property(checkDns, 'Environment', 'Variables', 'DNS_CHECK_PRIVATE_NAME'),
      region: CHECK_REGION,
    };

    // Assess
    expect(defaults).toEqual({ accounts: '', vpcs: '', privateName: 'false', region: 'us-east-1' });
  });

  it('publishes the Service Catalog product only on a stage whose catalog param says so', () => {
    // Prepare
    const catalogTypes = [
      'AWS::ServiceCatalog::Portfolio',
      'AWS::ServiceCatalog::CloudFormationProduct',
      'AWS::ServiceCatalog::PortfolioProductAssociation',
      'AWS::ServiceCatalog::LaunchRoleConstraint',
      'AWS::ServiceCatalog::PortfolioPrincipalAssociation',
    ];
    const typesOf = (template: CfnTemplate) =>
      Object.values(template.Resources)
        .map((resource) => resource.Type)
        .filter((type) => type.startsWith('AWS::ServiceCatalog::'))
        .sort();

    // Act
    const product = resource(
      prod.resources,
      'PrivateApiProduct',
      'AWS::ServiceCatalog::CloudFormationProduct',
    );

    // Assess
    expect(typesOf(prod.resources)).toEqual([...catalogTypes].sort());
    expect(typesOf(ci)).toEqual([]);
    expect(property(product, 'Name')).toBe('Private REST API');
    expect(property(product, 'ProvisioningArtifactParameters')).toEqual([
      expect.objectContaining({
        Info: { LoadTemplateFromURL: 'https://papi-templates.s3.amazonaws.com/private-api-product.yml' },
      }),
    ]);
  });
});
