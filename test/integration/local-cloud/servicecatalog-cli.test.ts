import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { CustomResourceEvent } from '../../../local/services/cloudformation';
import { functionArn } from '../../../local/services/lambda';
import { type AwsCli, createAwsCli, hasAwsCli, itWithAwsCli } from '../../support/aws-cli';
import { startTestCloud, type TestCloud } from '../../support/local-cloud';

const PROVIDER = 'sc-cli-provider';
const BUCKET = 'sc-cli-templates';
const LAUNCH_ROLE = 'arn:aws:iam::000000000000:role/SCLaunchRole';

/** Answers every request at once: FAILED with a reason when the properties' Mode says so. */
async function provider(event: CustomResourceEvent): Promise<void> {
  const properties = event.ResourceProperties as Record<string, unknown>;
  const failed = event.RequestType !== 'Delete' && properties.Mode === 'FAILED';
  const body = {
    Status: failed ? 'FAILED' : 'SUCCESS',
    Reason: failed ? `probe refused ${String(properties.Label)}` : undefined,
    PhysicalResourceId: event.PhysicalResourceId ?? `probe-${String(properties.Label)}`,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: { Echo: `${String(properties.Label)}-${String(properties.Size)}` },
  };
  await fetch(event.ResponseURL, { method: 'PUT', body: JSON.stringify(body) });
}

interface RecordJson {
  readonly RecordDetail: {
    readonly RecordId: string;
    readonly Status: string;
    readonly ProvisionedProductId: string;
    readonly RecordType: string;
    readonly RecordErrors: { Code: string; Description: string }[];
  };
  readonly RecordOutputs?: { OutputKey: string; OutputValue: string }[];
}

describe('local Service Catalog with the AWS CLI', () => {
  let cloud: TestCloud;
  let cli: AwsCli;
  let productId = '';
  let artifactId = '';
  let published: Awaited<ReturnType<typeof publish>> | undefined;

  beforeAll(async () => {
    cloud = await startTestCloud({ timeScale: 1000 });
    cli = createAwsCli(cloud.endpoint, { prefix: 'servicecatalog-cli-' });
    cloud.services.lambda.register({ functionName: PROVIDER, handler: provider, timeoutSeconds: 30 });
    const s3 = new S3Client({ ...cloud.clientConfig, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const template = {
      Parameters: {
        Label: { Type: 'String' },
        Size: { Type: 'String', Default: 'small', AllowedValues: ['small', 'large'] },
        Mode: { Type: 'String', Default: 'SUCCESS' },
      },
      Resources: {
        Probe: {
          Type: 'Custom::Probe',
          Properties: {
            ServiceToken: functionArn(cloud.region, cloud.accountId, PROVIDER),
            Label: { Ref: 'Label' },
            Size: { Ref: 'Size' },
            Mode: { Ref: 'Mode' },
          },
        },
      },
      Outputs: { Echo: { Value: { 'Fn::GetAtt': ['Probe', 'Echo'] } } },
    };
    await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'probe.json', Body: JSON.stringify(template) }),
    );
    s3.destroy();
    if (hasAwsCli) published = await publish();
  }, 30_000);

  afterAll(async () => {
    cli.dispose();
    await cloud.stop();
  });

  const aws = (...args: string[]) => cli.run('servicecatalog', ...args);

  /** The administrator's part, with the CLI: a portfolio, the product from the local S3, a LAUNCH constraint, a principal. */
  async function publish() {
    const portfolio = (
      await aws('create-portfolio', '--display-name', 'CLI portfolio', '--provider-name', 'Platform team')
    ).json<{ PortfolioDetail: { Id: string } }>();
    const product = (
      await aws(
        'create-product',
        '--name',
        'CLI probe',
        '--owner',
        'Platform team',
        '--product-type',
        'CLOUD_FORMATION_TEMPLATE',
        '--provisioning-artifact-parameters',
        JSON.stringify({
          Name: 'v1',
          Info: { LoadTemplateFromURL: `${cloud.endpoint}/${BUCKET}/probe.json` },
          Type: 'CLOUD_FORMATION_TEMPLATE',
        }),
      )
    ).json<{
      ProductViewDetail: { ProductViewSummary: { ProductId: string } };
      ProvisioningArtifactDetail: { Id: string };
    }>();
    productId = product.ProductViewDetail.ProductViewSummary.ProductId;
    artifactId = product.ProvisioningArtifactDetail.Id;
    const portfolioId = portfolio.PortfolioDetail.Id;
    const associated = await aws(
      'associate-product-with-portfolio',
      '--product-id',
      productId,
      '--portfolio-id',
      portfolioId,
    );
    const constrained = await aws(
      'create-constraint',
      '--portfolio-id',
      portfolioId,
      '--product-id',
      productId,
      '--type',
      'LAUNCH',
      '--parameters',
      JSON.stringify({ RoleArn: LAUNCH_ROLE }),
    );
    const granted = await aws(
      'associate-principal-with-portfolio',
      '--portfolio-id',
      portfolioId,
      '--principal-arn',
      'arn:aws:iam::000000000000:role/EndUsers',
      '--principal-type',
      'IAM',
    );
    return { portfolioId, exitCodes: [associated.exitCode, constrained.exitCode, granted.exitCode] };
  }

  /** Polls describe-record until the record's status is final. */
  async function settled(recordId: string): Promise<RecordJson> {
    for (let attempt = 0; attempt < 40; attempt += 1) {
      const described = (await aws('describe-record', '--id', recordId)).json<RecordJson>();
      if (!['CREATED', 'IN_PROGRESS', 'IN_PROGRESS_IN_ERROR'].includes(described.RecordDetail.Status)) {
        return described;
      }
    }
    throw new Error(`record ${recordId} did not settle`);
  }

  const provision = async (name: string, ...parameters: string[]) =>
    (
      await aws(
        'provision-product',
        '--product-id',
        productId,
        '--provisioning-artifact-id',
        artifactId,
        '--provisioned-product-name',
        name,
        '--provisioning-parameters',
        ...parameters,
      )
    ).json<RecordJson>();

  itWithAwsCli(
    'publishes a product that end users find, launch, update (UsePreviousValue) and terminate, and lists its history',
    async () => {
      // Act
      const found = (await aws('search-products', '--filters', 'FullTextSearch=CLI')).json<{
        ProductViewSummaries: { ProductId: string }[];
      }>();
      const launchPage = (
        await aws(
          'describe-provisioning-parameters',
          '--product-id',
          productId,
          '--provisioning-artifact-id',
          artifactId,
        )
      ).json<{ ProvisioningArtifactParameters: { ParameterKey: string; DefaultValue?: string }[] }>();
      const launched = await provision('cli-probe', 'Key=Label,Value=first', 'Key=Size,Value=large');
      const launchedDone = await settled(launched.RecordDetail.RecordId);
      const ppId = launched.RecordDetail.ProvisionedProductId;
      const available = (await aws('describe-provisioned-product', '--id', ppId)).json<{
        ProvisionedProductDetail: { Status: string; Name: string };
      }>();
      const updated = (
        await aws(
          'update-provisioned-product',
          '--provisioned-product-id',
          ppId,
          '--provisioning-parameters',
          'Key=Label,Value=second',
          'Key=Size,UsePreviousValue=true',
        )
      ).json<RecordJson>();
      const updatedDone = await settled(updated.RecordDetail.RecordId);
      const terminated = (
        await aws('terminate-provisioned-product', '--provisioned-product-name', 'cli-probe')
      ).json<RecordJson>();
      const terminatedDone = await settled(terminated.RecordDetail.RecordId);
      const gone = await aws('describe-provisioned-product', '--id', ppId);
      const history = (
        await aws('list-record-history', '--search-filter', `Key=provisionedproduct,Value=${ppId}`)
      ).json<{ RecordDetails: { RecordType: string; Status: string }[] }>();

      // Assess
      expect(published?.portfolioId).toMatch(/^port-[a-z2-7]{13}$/);
      expect(published?.exitCodes).toEqual([0, 0, 0]);
      expect(found.ProductViewSummaries.map((view) => view.ProductId)).toEqual([productId]);
      expect(launchPage.ProvisioningArtifactParameters.map((parameter) => parameter.ParameterKey)).toEqual([
        'Label',
        'Size',
        'Mode',
      ]);
      expect(launched.RecordDetail.Status).toBe('CREATED');
      expect(launchedDone.RecordDetail.Status).toBe('SUCCEEDED');
      expect(launchedDone.RecordOutputs).toContainEqual({ OutputKey: 'Echo', OutputValue: 'first-large' });
      expect(available.ProvisionedProductDetail).toMatchObject({ Status: 'AVAILABLE', Name: 'cli-probe' });
      expect(updatedDone.RecordDetail).toMatchObject({
        Status: 'SUCCEEDED',
        RecordType: 'UPDATE_PROVISIONED_PRODUCT',
      });
      expect(updatedDone.RecordOutputs).toContainEqual({ OutputKey: 'Echo', OutputValue: 'second-large' });
      expect(terminatedDone.RecordDetail.Status).toBe('SUCCEEDED');
      expect(gone.exitCode).not.toBe(0);
      expect(gone.stderr).toContain(
        'An error occurred (ResourceNotFoundException) when calling the DescribeProvisionedProduct operation',
      );
      expect(history.RecordDetails.map((detail) => detail.RecordType)).toEqual([
        'TERMINATE_PROVISIONED_PRODUCT',
        'UPDATE_PROVISIONED_PRODUCT',
        'PROVISION_PRODUCT',
      ]);
    },
    60_000,
  );

  itWithAwsCli("shows a failed launch's reason in describe-record and the product ERROR", async () => {
    // Act
    const launched = await provision('cli-failing', 'Key=Label,Value=doomed', 'Key=Mode,Value=FAILED');
    const done = await settled(launched.RecordDetail.RecordId);
    const product = (await aws('describe-provisioned-product', '--name', 'cli-failing')).json<{
      ProvisionedProductDetail: { Status: string };
    }>();

    // Assess
    expect(done.RecordDetail.Status).toBe('FAILED');
    expect(done.RecordDetail.RecordErrors[0]?.Description).toContain('probe refused doomed');
    expect(product.ProvisionedProductDetail.Status).toBe('ERROR');
  });

  itWithAwsCli(
    'answers refusals as botocore reads them: the exit code and the error in its words',
    async () => {
      // Act
      const unknown = await aws('describe-portfolio', '--id', 'port-aaaaaaaaaaaaa');
      const noPath = await aws('list-launch-paths', '--product-id', 'prod-aaaaaaaaaaaaa');
      const badName = await aws(
        'provision-product',
        '--product-id',
        'prod-aaaaaaaaaaaaa',
        '--provisioning-artifact-id',
        'pa-aaaaaaaaaaaaa',
        '--provisioned-product-name',
        'not a name!',
      );
      const missing = await aws('provision-product', '--product-id', 'prod-aaaaaaaaaaaaa');

      // Assess: the CLI v1 exits 255 on an error the service answers, 2 on one its own parser finds
      expect(unknown.exitCode).toBe(255);
      expect(unknown.stderr).toContain(
        'An error occurred (ResourceNotFoundException) when calling the DescribePortfolio operation: Portfolio port-aaaaaaaaaaaaa not found.',
      );
      expect(noPath.exitCode).toBe(255);
      expect(noPath.stderr).toContain(
        'An error occurred (ResourceNotFoundException) when calling the ListLaunchPaths operation: Product prod-aaaaaaaaaaaaa not found.',
      );
      expect(badName.exitCode).toBe(255);
      expect(badName.stderr).toContain(
        "An error occurred (ValidationException) when calling the ProvisionProduct operation: 1 validation error detected: Value 'not a name!' at 'ProvisionedProductName' failed to satisfy constraint",
      );
      expect(missing.exitCode).toBe(2);
      expect(missing.stderr).toContain('the following arguments are required: --provisioned-product-name');
    },
  );
});
