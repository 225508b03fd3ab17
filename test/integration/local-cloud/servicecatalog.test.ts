import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand, type Stack } from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  AssociatePrincipalWithPortfolioCommand,
  AssociateProductWithPortfolioCommand,
  CreateConstraintCommand,
  CreatePortfolioCommand,
  CreateProductCommand,
  CreateProvisioningArtifactCommand,
  DeletePortfolioCommand,
  DescribeProductAsAdminCommand,
  DescribeProvisionedProductCommand,
  DescribeProvisioningArtifactCommand,
  DescribeProvisioningParametersCommand,
  DescribeRecordCommand,
  type DescribeRecordCommandOutput,
  DuplicateResourceException,
  InvalidParametersException,
  InvalidStateException,
  ListConstraintsForPortfolioCommand,
  ListLaunchPathsCommand,
  ListPrincipalsForPortfolioCommand,
  ListRecordHistoryCommand,
  type ProvisioningParameter,
  ProvisionProductCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  ScanProvisionedProductsCommand,
  SearchProductsAsAdminCommand,
  SearchProductsCommand,
  SearchProvisionedProductsCommand,
  ServiceCatalogClient,
  ServiceCatalogServiceException,
  TerminateProvisionedProductCommand,
  UpdateProvisionedProductCommand,
  type UpdateProvisioningParameter,
} from '@aws-sdk/client-service-catalog';
import type { CustomResourceEvent } from '../../../local/services/cloudformation';
import { functionArn } from '../../../local/services/lambda';
import { startTestCloud, type TestCloud } from '../../support/local-cloud';

/** A simulated hour takes 3.6 real seconds: ServiceTimeout runs on the cloud's clock. */
const TIME_SCALE = 1000;
const PROVIDER = 'sc-test-provider';
const BUCKET = 'sc-templates';
const LAUNCH_ROLE = 'arn:aws:iam::000000000000:role/SCLaunchRole';
const END_USERS = 'arn:aws:iam::000000000000:role/EndUsers';

/**
 * The custom resource behind the products: `Mode` says how a Create or Update is answered (SUCCESS,
 * FAILED, or HOLD: the test answers it later), `OnDelete` how a Delete is; the Data echoes Label and Size.
 */
async function provider(event: CustomResourceEvent): Promise<void> {
  const properties = event.ResourceProperties as Record<string, unknown>;
  const mode = String(event.RequestType === 'Delete' ? (properties.OnDelete ?? 'SUCCESS') : properties.Mode);
  if (mode === 'HOLD') {
    held.push(event);
    return;
  }
  await answer(event, mode === 'FAILED' ? 'FAILED' : 'SUCCESS');
}
let held: CustomResourceEvent[] = [];

async function answer(event: CustomResourceEvent, status: 'SUCCESS' | 'FAILED'): Promise<void> {
  const properties = event.ResourceProperties as Record<string, unknown>;
  const body = {
    Status: status,
    Reason:
      status === 'FAILED' ? `probe refused ${event.RequestType} of ${String(properties.Label)}` : undefined,
    PhysicalResourceId: event.PhysicalResourceId ?? `probe-${String(properties.Label)}`,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: { Echo: `${String(properties.Label)}-${String(properties.Size)}` },
  };
  const response = await fetch(event.ResponseURL, { method: 'PUT', body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`PUT to ResponseURL answered ${response.status}`);
}

const template = (serviceToken: string, extraOutputs: Record<string, unknown> = {}) => ({
  AWSTemplateFormatVersion: '2010-09-09',
  Parameters: {
    Label: { Type: 'String', Description: 'What the probe is called' },
    Size: { Type: 'String', Default: 'small', AllowedValues: ['small', 'large'] },
    Mode: { Type: 'String', Default: 'SUCCESS' },
    OnDelete: { Type: 'String', Default: 'SUCCESS' },
    Secret: { Type: 'String', NoEcho: true, Default: 'hidden' },
  },
  Resources: {
    Probe: {
      Type: 'Custom::Probe',
      Properties: {
        ServiceToken: serviceToken,
        Label: { Ref: 'Label' },
        Size: { Ref: 'Size' },
        Mode: { Ref: 'Mode' },
        OnDelete: { Ref: 'OnDelete' },
      },
    },
  },
  Outputs: {
    Echo: { Value: { 'Fn::GetAtt': ['Probe', 'Echo'] }, Description: 'Label and size' },
    ...extraOutputs,
  },
});

const RUNNING = new Set(['CREATED', 'IN_PROGRESS', 'IN_PROGRESS_IN_ERROR']);

describe('local Service Catalog with the SDK v3 client', () => {
  let cloud: TestCloud;
  let sc: ServiceCatalogClient;
  let cfn: CloudFormationClient;
  let s3: S3Client;
  let serviceToken: string;

  beforeAll(async () => {
    cloud = await startTestCloud({ timeScale: TIME_SCALE });
    sc = new ServiceCatalogClient(cloud.clientConfig);
    cfn = new CloudFormationClient(cloud.clientConfig);
    s3 = new S3Client({ ...cloud.clientConfig, forcePathStyle: true });
    cloud.services.lambda.register({ functionName: PROVIDER, handler: provider, timeoutSeconds: 30 });
    serviceToken = functionArn(cloud.region, cloud.accountId, PROVIDER);
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await putTemplate('probe.json', template(serviceToken));
  });

  afterAll(async () => {
    sc.destroy();
    cfn.destroy();
    s3.destroy();
    await cloud.stop();
  });

  beforeEach(() => {
    held = [];
  });

  async function putTemplate(key: string, body: unknown): Promise<string> {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: JSON.stringify(body) }));
    return `${cloud.endpoint}/${BUCKET}/${key}`;
  }

  let catalogs = 0;
  /** A portfolio with the probe product, a principal and a LAUNCH constraint, as an administrator sets one up. */
  async function publishedProduct(options: { principal?: boolean } = {}) {
    catalogs += 1;
    const { PortfolioDetail } = await sc.send(
      new CreatePortfolioCommand({ DisplayName: `Portfolio ${catalogs}`, ProviderName: 'Platform team' }),
    );
    const created = await sc.send(
      new CreateProductCommand({
        Name: `Probe ${catalogs}`,
        Owner: 'Platform team',
        Description: 'A probe behind a custom resource',
        ProductType: 'CLOUD_FORMATION_TEMPLATE',
        ProvisioningArtifactParameters: {
          Name: 'v1',
          Info: { LoadTemplateFromURL: `${cloud.endpoint}/${BUCKET}/probe.json` },
          Type: 'CLOUD_FORMATION_TEMPLATE',
        },
      }),
    );
    const portfolioId = PortfolioDetail?.Id ?? '';
    const productId = created.ProductViewDetail?.ProductViewSummary?.ProductId ?? '';
    const artifactId = created.ProvisioningArtifactDetail?.Id ?? '';
    await sc.send(
      new AssociateProductWithPortfolioCommand({ PortfolioId: portfolioId, ProductId: productId }),
    );
    await sc.send(
      new CreateConstraintCommand({
        PortfolioId: portfolioId,
        ProductId: productId,
        Type: 'LAUNCH',
        Parameters: JSON.stringify({ RoleArn: LAUNCH_ROLE }),
      }),
    );
    if (options.principal !== false) {
      await sc.send(
        new AssociatePrincipalWithPortfolioCommand({
          PortfolioId: portfolioId,
          PrincipalARN: END_USERS,
          PrincipalType: 'IAM',
        }),
      );
    }
    return { portfolioId, productId, artifactId, created };
  }

  const parameters = (values: Record<string, string>): ProvisioningParameter[] =>
    Object.entries(values).map(([Key, Value]) => ({ Key, Value }));

  async function provision(name: string, values: Record<string, string>, token?: string) {
    const { productId, artifactId } = await publishedProduct();
    const { RecordDetail } = await sc.send(
      new ProvisionProductCommand({
        ProductId: productId,
        ProvisioningArtifactId: artifactId,
        ProvisionedProductName: name,
        ProvisioningParameters: parameters(values),
        Tags: [{ Key: 'team', Value: 'payments' }],
        ProvisionToken: token,
      }),
    );
    return { productId, artifactId, record: RecordDetail };
  }

  /** Polls DescribeRecord until the record's status is final. */
  async function settled(recordId: string | undefined): Promise<DescribeRecordCommandOutput> {
    for (let attempt = 0; attempt < 400; attempt += 1) {
      const described = await sc.send(new DescribeRecordCommand({ Id: recordId }));
      if (!RUNNING.has(described.RecordDetail?.Status ?? '')) return described;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`record ${recordId} did not settle`);
  }

  async function until<T>(read: () => T | undefined): Promise<T> {
    for (let attempt = 0; attempt < 400; attempt += 1) {
      const value = read();
      if (value !== undefined) return value;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('the condition never held');
  }

  async function stackOf(stackNameOrId: string): Promise<Stack | undefined> {
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: stackNameOrId }));
    return Stacks?.[0];
  }

  const provisionedProduct = async (id: string | undefined) =>
    (await sc.send(new DescribeProvisionedProductCommand({ Id: id }))).ProvisionedProductDetail;

  const stackArnOf = (described: DescribeRecordCommandOutput) =>
    described.RecordOutputs?.find((output) => output.OutputKey === 'CloudformationStackARN')?.OutputValue ??
    '';

  it('publishes a product from a template in the local S3 that end users find once a principal is associated', async () => {
    // Prepare
    const { portfolioId, productId, artifactId, created } = await publishedProduct({ principal: false });
    const search = () =>
      sc.send(new SearchProductsCommand({ Filters: { FullTextSearch: [`Probe ${catalogs}`] } }));

    // Act
    const hidden = await search();
    const noPath = await sc
      .send(new ListLaunchPathsCommand({ ProductId: productId }))
      .catch((error: unknown) => error);
    await sc.send(
      new AssociatePrincipalWithPortfolioCommand({
        PortfolioId: portfolioId,
        PrincipalARN: END_USERS,
        PrincipalType: 'IAM',
      }),
    );
    const found = await search();
    const { LaunchPathSummaries } = await sc.send(new ListLaunchPathsCommand({ ProductId: productId }));
    const launchPage = await sc.send(
      new DescribeProvisioningParametersCommand({ ProductId: productId, ProvisioningArtifactId: artifactId }),
    );
    const { ConstraintDetails } = await sc.send(
      new ListConstraintsForPortfolioCommand({ PortfolioId: portfolioId }),
    );
    const { Principals } = await sc.send(new ListPrincipalsForPortfolioCommand({ PortfolioId: portfolioId }));
    const asAdmin = await sc.send(new DescribeProductAsAdminCommand({ Id: productId }));
    const version = await sc.send(
      new DescribeProvisioningArtifactCommand({ ProductId: productId, ProvisioningArtifactId: artifactId }),
    );
    const inPortfolio = await sc.send(new SearchProductsAsAdminCommand({ PortfolioId: portfolioId }));

    // Assess
    expect(portfolioId).toMatch(/^port-[a-z2-7]{13}$/);
    expect(productId).toMatch(/^prod-[a-z2-7]{13}$/);
    expect(artifactId).toMatch(/^pa-[a-z2-7]{13}$/);
    expect(created.ProductViewDetail).toMatchObject({
      ProductARN: `arn:aws:catalog:us-east-1:000000000000:product/${productId}`,
      ProductViewSummary: {
        Id: expect.stringMatching(/^prodview-/),
        Name: `Probe ${catalogs}`,
        Type: 'CLOUD_FORMATION_TEMPLATE',
      },
    });
    expect(hidden.ProductViewSummaries).toEqual([]);
    expect(noPath).toBeInstanceOf(ResourceNotFoundException);
    expect((noPath as Error).message).toBe(`No launch paths found for resource: ${productId}`);
    expect(found.ProductViewSummaries?.map((view) => view.ProductId)).toEqual([productId]);
    expect(LaunchPathSummaries).toEqual([
      {
        Id: `lpv3-${portfolioId.slice('port-'.length)}`,
        Name: `Portfolio ${catalogs}`,
        ConstraintSummaries: [{ Type: 'LAUNCH' }],
        Tags: [],
      },
    ]);
    expect(launchPage.ProvisioningArtifactParameters).toEqual([
      {
        ParameterKey: 'Label',
        ParameterType: 'String',
        IsNoEcho: false,
        Description: 'What the probe is called',
        ParameterConstraints: { AllowedValues: [] },
      },
      {
        ParameterKey: 'Size',
        DefaultValue: 'small',
        ParameterType: 'String',
        IsNoEcho: false,
        ParameterConstraints: { AllowedValues: ['small', 'large'] },
      },
      expect.objectContaining({ ParameterKey: 'Mode', DefaultValue: 'SUCCESS' }),
      expect.objectContaining({ ParameterKey: 'OnDelete' }),
      expect.objectContaining({ ParameterKey: 'Secret', IsNoEcho: true }),
    ]);
    expect(launchPage.UsageInstructions).toContainEqual({ Type: 'launchAsRole', Value: LAUNCH_ROLE });
    expect(launchPage.ProvisioningArtifactOutputKeys).toEqual([
      { Key: 'Echo', Description: 'Label and size' },
    ]);
    expect(ConstraintDetails).toEqual([
      expect.objectContaining({
        ConstraintId: expect.stringMatching(/^cons-/),
        Type: 'LAUNCH',
        ProductId: productId,
      }),
    ]);
    expect(Principals).toEqual([{ PrincipalARN: END_USERS, PrincipalType: 'IAM' }]);
    expect(asAdmin.ProvisioningArtifactSummaries?.map((summary) => summary.Id)).toEqual([artifactId]);
    expect(version).toMatchObject({
      Info: { TemplateUrl: `${cloud.endpoint}/${BUCKET}/probe.json` },
      Status: 'AVAILABLE',
      ProvisioningArtifactDetail: { Id: artifactId, Name: 'v1', Active: true },
    });
    expect(inPortfolio.ProductViewDetails?.map((detail) => detail.ProductViewSummary?.ProductId)).toEqual([
      productId,
    ]);
  });

  it('refuses a version whose template cannot be read or is not valid', async () => {
    // Prepare
    const badUrl = await putTemplate('bad.json', {
      Parameters: { X: { Type: 'Strin' } },
      Resources: { Handle: { Type: 'AWS::CloudFormation::WaitConditionHandle' } },
    });
    const create = (url: string) =>
      sc.send(
        new CreateProductCommand({
          Name: 'Broken',
          Owner: 'me',
          ProductType: 'CLOUD_FORMATION_TEMPLATE',
          ProvisioningArtifactParameters: {
            Info: { LoadTemplateFromURL: url },
            Type: 'CLOUD_FORMATION_TEMPLATE',
          },
        }),
      );

    // Act
    const missing = await create(`${cloud.endpoint}/${BUCKET}/nothing.json`).catch((error: unknown) => error);
    const invalid = await create(badUrl).catch((error: unknown) => error);

    // Assess
    expect(missing).toBeInstanceOf(InvalidParametersException);
    expect((missing as Error).message).toContain('NoSuchKey');
    expect(invalid).toBeInstanceOf(InvalidParametersException);
    expect((invalid as Error).message).toContain('Unrecognized parameter type: Strin');
  });

  it('provisions a stack SC-{account}-{pp id}: IN_PROGRESS while the custom resource works, then SUCCEEDED with its outputs and AVAILABLE', async () => {
    // Prepare
    const token = `provision-${Date.now()}`;

    // Act
    const { record, productId, artifactId } = await provision(
      'held-probe',
      { Label: 'held', Mode: 'HOLD' },
      token,
    );
    const event = await until(() => held[0]);
    const during = await sc.send(new DescribeRecordCommand({ Id: record?.RecordId }));
    const productDuring = await provisionedProduct(record?.ProvisionedProductId);
    const stackDuring = await stackOf(`SC-000000000000-${record?.ProvisionedProductId}`);
    await answer(event, 'SUCCESS');
    const done = await settled(record?.RecordId);
    const productAfter = await provisionedProduct(record?.ProvisionedProductId);
    const again = await sc.send(
      new ProvisionProductCommand({
        ProductId: productId,
        ProvisioningArtifactId: artifactId,
        ProvisionedProductName: 'held-probe',
        ProvisionToken: token,
      }),
    );
    const duplicate = await sc
      .send(
        new ProvisionProductCommand({
          ProductId: productId,
          ProvisioningArtifactId: artifactId,
          ProvisionedProductName: 'held-probe',
          ProvisioningParameters: parameters({ Label: 'other' }),
        }),
      )
      .catch((error: unknown) => error);
    const { ProvisionedProducts } = await sc.send(
      new SearchProvisionedProductsCommand({ Filters: { SearchQuery: ['name:held-probe'] } }),
    );

    // Assess
    expect(record).toMatchObject({
      RecordId: expect.stringMatching(/^rec-[a-z2-7]{13}$/),
      ProvisionedProductId: expect.stringMatching(/^pp-[a-z2-7]{13}$/),
      Status: 'CREATED',
      RecordType: 'PROVISION_PRODUCT',
      ProvisionedProductType: 'CFN_STACK',
      LaunchRoleArn: LAUNCH_ROLE,
      RecordTags: [{ Key: 'team', Value: 'payments' }],
    });
    expect(during.RecordDetail?.Status).toBe('IN_PROGRESS');
    expect(productDuring?.Status).toBe('UNDER_CHANGE');
    const ppId = record?.ProvisionedProductId ?? '';
    const ppArn = `arn:aws:servicecatalog:us-east-1:000000000000:stack/held-probe/${ppId}`;
    expect(stackDuring).toMatchObject({
      StackName: `SC-000000000000-${ppId}`,
      StackStatus: 'CREATE_IN_PROGRESS',
    });
    expect(stackDuring?.RoleARN).toBe(LAUNCH_ROLE);
    expect(stackDuring?.Parameters).toEqual(
      expect.arrayContaining([
        { ParameterKey: 'Label', ParameterValue: 'held' },
        { ParameterKey: 'Size', ParameterValue: 'small' },
        { ParameterKey: 'Secret', ParameterValue: '****' },
      ]),
    );
    expect(stackDuring?.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'team', Value: 'payments' },
        { Key: 'aws:servicecatalog:provisionedProductArn', Value: ppArn },
        {
          Key: 'aws:servicecatalog:productArn',
          Value: `arn:aws:catalog:us-east-1:000000000000:product/${productId}`,
        },
        { Key: 'aws:servicecatalog:provisioningArtifactIdentifier', Value: artifactId },
        { Key: 'aws:servicecatalog:portfolioArn', Value: expect.stringMatching(/:portfolio\/port-/) },
      ]),
    );
    expect(done.RecordDetail?.Status).toBe('SUCCEEDED');
    expect(done.RecordDetail?.RecordErrors).toEqual([]);
    expect(done.RecordOutputs).toEqual([
      {
        OutputKey: 'CloudformationStackARN',
        OutputValue: stackDuring?.StackId,
        Description: 'The ARN of the launched Cloudformation Stack',
      },
      { OutputKey: 'Echo', OutputValue: 'held-small', Description: 'Label and size' },
    ]);
    expect(productAfter).toMatchObject({
      Name: 'held-probe',
      Arn: ppArn,
      Type: 'CFN_STACK',
      Status: 'AVAILABLE',
      IdempotencyToken: token,
      LastRecordId: record?.RecordId,
      LastSuccessfulProvisioningRecordId: record?.RecordId,
      ProvisioningArtifactId: artifactId,
      LaunchRoleArn: LAUNCH_ROLE,
    });
    expect(again.RecordDetail?.RecordId).toBe(record?.RecordId);
    expect(duplicate).toBeInstanceOf(DuplicateResourceException);
    expect(ProvisionedProducts).toHaveLength(1);
    expect(ProvisionedProducts?.[0]).toMatchObject({
      Id: ppId,
      PhysicalId: stackDuring?.StackId,
      Status: 'AVAILABLE',
    });
  });

  it("leaves a failed create FAILED with the custom resource's Reason in RecordErrors, the product ERROR and the stack rolled back", async () => {
    // Act
    const { record } = await provision('failing-probe', { Label: 'doomed', Mode: 'FAILED' });
    const done = await settled(record?.RecordId);
    const product = await provisionedProduct(record?.ProvisionedProductId);
    const stack = await stackOf(`SC-000000000000-${record?.ProvisionedProductId}`);

    // Assess
    expect(done.RecordDetail?.Status).toBe('FAILED');
    const descriptions = done.RecordDetail?.RecordErrors?.map((error) => error.Description) ?? [];
    expect(descriptions[0]).toContain('probe refused Create of doomed');
    expect(descriptions).toContain(
      'The following resource(s) failed to create: [Probe]. Rollback requested by user.',
    );
    expect(done.RecordOutputs).toEqual([]);
    expect(product?.Status).toBe('ERROR');
    expect(product?.StatusMessage).toContain('probe refused Create of doomed');
    expect(stack?.StackStatus).toBe('ROLLBACK_COMPLETE');
  });

  it('fails a launch CloudFormation refuses at once (a value outside AllowedValues) as AWS words it', async () => {
    // Act
    const { record } = await provision('refused-probe', { Label: 'x', Size: 'huge' });
    const done = await settled(record?.RecordId);
    const product = await provisionedProduct(record?.ProvisionedProductId);

    // Assess
    expect(done.RecordDetail?.Status).toBe('FAILED');
    expect(done.RecordDetail?.RecordErrors).toEqual([
      { Code: 'ValidationError', Description: expect.stringContaining('Size') },
    ]);
    expect(product?.Status).toBe('ERROR');
    expect(product?.StatusMessage).toMatch(
      /^AmazonCloudFormationException {2}.*Size.* \(Service: AmazonCloudFormation; Status Code: 400; Error Code: ValidationError; Request ID: [0-9a-f-]{36}\)$/,
    );
  });

  it('updates a provisioned product: new values, UsePreviousValue, a new version; a failed update leaves it TAINTED on the old one', async () => {
    // Prepare
    const { record, productId, artifactId } = await provision('updated-probe', {
      Label: 'first',
      Size: 'large',
    });
    const ppId = record?.ProvisionedProductId;
    await settled(record?.RecordId);
    const v2Url = await putTemplate('probe-v2.json', template(serviceToken, { Version: { Value: 'v2' } }));
    const update = (updateToken: string, values: UpdateProvisioningParameter[], version?: string) =>
      sc.send(
        new UpdateProvisionedProductCommand({
          ProvisionedProductId: ppId,
          ProvisioningArtifactId: version,
          ProvisioningParameters: values,
          UpdateToken: updateToken,
        }),
      );

    // Act
    const first = await update('update-1', [
      { Key: 'Label', Value: 'second' },
      { Key: 'Size', UsePreviousValue: true },
    ]);
    const firstDone = await settled(first.RecordDetail?.RecordId);
    const sameToken = await update('update-1', [{ Key: 'Label', Value: 'ignored' }]);
    const stackAfterFirst = await stackOf(stackArnOf(firstDone));
    const { ProvisioningArtifactDetail: v2 } = await sc.send(
      new CreateProvisioningArtifactCommand({
        ProductId: productId,
        Parameters: { Name: 'v2', Info: { LoadTemplateFromURL: v2Url }, Type: 'CLOUD_FORMATION_TEMPLATE' },
      }),
    );
    const second = await update(
      'update-2',
      [
        { Key: 'Label', UsePreviousValue: true },
        { Key: 'Size', UsePreviousValue: true },
      ],
      v2?.Id,
    );
    const secondDone = await settled(second.RecordDetail?.RecordId);
    const onV2 = await provisionedProduct(ppId);
    const failing = await update(
      'update-3',
      [
        { Key: 'Label', UsePreviousValue: true },
        { Key: 'Size', UsePreviousValue: true },
        { Key: 'Mode', Value: 'FAILED' },
      ],
      artifactId,
    );
    const failingDone = await settled(failing.RecordDetail?.RecordId);
    const tainted = await provisionedProduct(ppId);
    const stackAfterFailure = await stackOf(stackArnOf(firstDone));

    // Assess
    expect(first.RecordDetail).toMatchObject({ Status: 'CREATED', RecordType: 'UPDATE_PROVISIONED_PRODUCT' });
    expect(firstDone.RecordDetail?.Status).toBe('SUCCEEDED');
    expect(firstDone.RecordOutputs).toContainEqual({
      OutputKey: 'Echo',
      OutputValue: 'second-large',
      Description: 'Label and size',
    });
    expect(sameToken.RecordDetail?.RecordId).toBe(first.RecordDetail?.RecordId);
    expect(stackAfterFirst?.StackStatus).toBe('UPDATE_COMPLETE');
    expect(stackAfterFirst?.Parameters).toEqual(
      expect.arrayContaining([
        { ParameterKey: 'Label', ParameterValue: 'second' },
        { ParameterKey: 'Size', ParameterValue: 'large' },
      ]),
    );
    expect(secondDone.RecordDetail).toMatchObject({ Status: 'SUCCEEDED', ProvisioningArtifactId: v2?.Id });
    expect(secondDone.RecordOutputs).toContainEqual({ OutputKey: 'Version', OutputValue: 'v2' });
    expect(onV2).toMatchObject({ Status: 'AVAILABLE', ProvisioningArtifactId: v2?.Id });
    expect(failingDone.RecordDetail?.Status).toBe('FAILED');
    expect(failingDone.RecordDetail?.RecordErrors?.[0]?.Description).toContain(
      'probe refused Update of second',
    );
    expect(tainted).toMatchObject({
      Status: 'TAINTED',
      ProvisioningArtifactId: v2?.Id,
      LastSuccessfulProvisioningRecordId: second.RecordDetail?.RecordId,
      LastProvisioningRecordId: failing.RecordDetail?.RecordId,
    });
    expect(stackAfterFailure?.StackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
  });

  it('refuses an update while the product is under change', async () => {
    // Prepare
    const { record } = await provision('busy-probe', { Label: 'busy', Mode: 'HOLD' });
    const event = await until(() => held[0]);

    // Act
    const refused = await sc
      .send(new UpdateProvisionedProductCommand({ ProvisionedProductId: record?.ProvisionedProductId }))
      .catch((error: unknown) => error);
    await answer(event, 'SUCCESS');
    await settled(record?.RecordId);

    // Assess
    expect(refused).toBeInstanceOf(InvalidStateException);
  });

  it('terminates: DeleteStack, the provisioned product gone (its token too), its records kept in the history', async () => {
    // Prepare
    const { record, productId } = await provision('doomed-probe', { Label: 'bye', OnDelete: 'HOLD' });
    const ppId = record?.ProvisionedProductId;
    const provisioned = await settled(record?.RecordId);
    const terminate = () =>
      sc.send(
        new TerminateProvisionedProductCommand({ ProvisionedProductId: ppId, TerminateToken: 'terminate-1' }),
      );

    // Act
    const terminated = await terminate();
    const deleting = await until(() => held[0]);
    const during = await provisionedProduct(ppId);
    const sameToken = await terminate();
    await answer(deleting, 'SUCCESS');
    const done = await settled(terminated.RecordDetail?.RecordId);
    const gone = await provisionedProduct(ppId).catch((error: unknown) => error);
    const afterwards = await terminate().catch((error: unknown) => error);
    const stack = await stackOf(stackArnOf(provisioned));
    const { RecordDetails } = await sc.send(
      new ListRecordHistoryCommand({ SearchFilter: { Key: 'provisionedproduct', Value: ppId } }),
    );
    const { ProvisionedProducts } = await sc.send(new ScanProvisionedProductsCommand({}));
    const byProduct = await sc.send(
      new ListRecordHistoryCommand({ SearchFilter: { Key: 'product', Value: productId } }),
    );

    // Assess
    expect(terminated.RecordDetail).toMatchObject({
      Status: 'CREATED',
      RecordType: 'TERMINATE_PROVISIONED_PRODUCT',
    });
    expect(during?.Status).toBe('UNDER_CHANGE');
    expect(sameToken.RecordDetail?.RecordId).toBe(terminated.RecordDetail?.RecordId);
    expect(done.RecordDetail?.Status).toBe('SUCCEEDED');
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
    expect(afterwards).toBeInstanceOf(ResourceNotFoundException);
    expect(stack?.StackStatus).toBe('DELETE_COMPLETE');
    expect(RecordDetails?.map((detail) => [detail.RecordType, detail.Status])).toEqual([
      ['TERMINATE_PROVISIONED_PRODUCT', 'SUCCEEDED'],
      ['PROVISION_PRODUCT', 'SUCCEEDED'],
    ]);
    expect(ProvisionedProducts?.map((product) => product.Id)).not.toContain(ppId);
    expect(byProduct.RecordDetails?.map((detail) => detail.RecordId)).toContain(record?.RecordId);
  });

  it('IgnoreErrors: a stack whose delete fails leaves the product ERROR, unless errors are ignored', async () => {
    // Prepare
    const { record } = await provision('sticky-probe', { Label: 'sticky', OnDelete: 'FAILED' });
    const ppId = record?.ProvisionedProductId;
    const provisioned = await settled(record?.RecordId);

    // Act
    const plain = await sc.send(new TerminateProvisionedProductCommand({ ProvisionedProductId: ppId }));
    const plainDone = await settled(plain.RecordDetail?.RecordId);
    const stuck = await provisionedProduct(ppId);
    const ignoring = await sc.send(
      new TerminateProvisionedProductCommand({ ProvisionedProductId: ppId, IgnoreErrors: true }),
    );
    const ignoringDone = await settled(ignoring.RecordDetail?.RecordId);
    const gone = await provisionedProduct(ppId).catch((error: unknown) => error);
    const stack = await stackOf(stackArnOf(provisioned));

    // Assess
    expect(plainDone.RecordDetail?.Status).toBe('FAILED');
    expect(plainDone.RecordDetail?.RecordErrors?.[0]?.Description).toContain(
      'probe refused Delete of sticky',
    );
    expect(stuck?.Status).toBe('ERROR');
    expect(ignoringDone.RecordDetail?.Status).toBe('SUCCEEDED');
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
    expect(stack?.StackStatus).toBe('DELETE_FAILED');
  });

  it("answers refusals in AWS's names: unknown ids, names out of pattern, duplicates, resources in use; a token answers twice the same", async () => {
    // Prepare
    const { portfolioId, productId, artifactId } = await publishedProduct();

    // Act
    const unknownProduct = await sc
      .send(
        new ProvisionProductCommand({
          ProductId: 'prod-aaaaaaaaaaaaa',
          ProvisioningArtifactId: artifactId,
          ProvisionedProductName: 'nowhere',
        }),
      )
      .catch((error: unknown) => error);
    const badName = await sc
      .send(
        new ProvisionProductCommand({
          ProductId: productId,
          ProvisioningArtifactId: artifactId,
          ProvisionedProductName: 'not a name!',
        }),
      )
      .catch((error: unknown) => error);
    const secondLaunch = await sc
      .send(
        new CreateConstraintCommand({
          PortfolioId: portfolioId,
          ProductId: productId,
          Type: 'LAUNCH',
          Parameters: JSON.stringify({ RoleArn: LAUNCH_ROLE }),
        }),
      )
      .catch((error: unknown) => error);
    const inUse = await sc
      .send(new DeletePortfolioCommand({ Id: portfolioId }))
      .catch((error: unknown) => error);
    const once = await sc.send(
      new CreatePortfolioCommand({
        DisplayName: 'Once',
        ProviderName: 'me',
        IdempotencyToken: 'portfolio-once',
      }),
    );
    const twice = await sc.send(
      new CreatePortfolioCommand({
        DisplayName: 'Once',
        ProviderName: 'me',
        IdempotencyToken: 'portfolio-once',
      }),
    );

    // Assess
    expect(unknownProduct).toBeInstanceOf(ResourceNotFoundException);
    expect(badName).toBeInstanceOf(ServiceCatalogServiceException);
    expect((badName as Error).name).toBe('ValidationException');
    expect(secondLaunch).toBeInstanceOf(DuplicateResourceException);
    expect(inUse).toBeInstanceOf(ResourceInUseException);
    expect(twice.PortfolioDetail?.Id).toBe(once.PortfolioDetail?.Id);
  });

  it('keeps the catalog across a restart with --state (portfolios, products and their templates, constraints, principals)', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'servicecatalog-state-'));
    const stateFile = join(dir, 'state.json');
    const first = await startTestCloud({ stateFile, timeScale: TIME_SCALE });
    const firstClient = new ServiceCatalogClient(first.clientConfig);
    const firstS3 = new S3Client({ ...first.clientConfig, forcePathStyle: true });
    await firstS3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await firstS3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'kept.json',
        Body: JSON.stringify(template(serviceToken)),
      }),
    );
    const { PortfolioDetail } = await firstClient.send(
      new CreatePortfolioCommand({ DisplayName: 'Kept', ProviderName: 'me' }),
    );
    const created = await firstClient.send(
      new CreateProductCommand({
        Name: 'Kept probe',
        Owner: 'me',
        ProductType: 'CLOUD_FORMATION_TEMPLATE',
        ProvisioningArtifactParameters: {
          Info: { LoadTemplateFromURL: `${first.endpoint}/${BUCKET}/kept.json` },
        },
      }),
    );
    const productId = created.ProductViewDetail?.ProductViewSummary?.ProductId;
    await firstClient.send(
      new AssociateProductWithPortfolioCommand({ PortfolioId: PortfolioDetail?.Id, ProductId: productId }),
    );
    await firstClient.send(
      new AssociatePrincipalWithPortfolioCommand({
        PortfolioId: PortfolioDetail?.Id,
        PrincipalARN: END_USERS,
        PrincipalType: 'IAM',
      }),
    );
    firstClient.destroy();
    firstS3.destroy();
    await first.stop();

    // Act
    const second = await startTestCloud({ stateFile, timeScale: TIME_SCALE });
    const client = new ServiceCatalogClient(second.clientConfig);
    const found = await client.send(new SearchProductsCommand({}));
    const launchPage = await client.send(
      new DescribeProvisioningParametersCommand({
        ProductId: productId,
        ProvisioningArtifactId: created.ProvisioningArtifactDetail?.Id,
      }),
    );
    client.destroy();
    await second.stop();
    await rm(dir, { recursive: true, force: true });

    // Assess
    expect(found.ProductViewSummaries?.map((view) => view.ProductId)).toEqual([productId]);
    expect(launchPage.ProvisioningArtifactParameters?.map((parameter) => parameter.ParameterKey)).toContain(
      'Label',
    );
  });
});
