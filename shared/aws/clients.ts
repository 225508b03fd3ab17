import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import { ThrottlingRetryStrategy } from './throttling-retry-strategy';

/*
 * SDK clients as the functions use them. Region, credentials and (on the local cloud)
 * AWS_ENDPOINT_URL come from the environment, so no code here knows which cloud it talks to.
 *
 * The API Gateway and EC2 clients retry throttled calls only (refused, so safe to repeat),
 * a few times with full jitter; longer waits (CreateDeployment: 1 per 5 s) are the state
 * machine's Retry. Any other failure goes to the state machine, which re-runs the whole step:
 * an SDK-level retry of CreateRestApi after a lost answer would create a second API.
 */
const controlPlaneRetries = () =>
  new ThrottlingRetryStrategy({ maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 3000 });
export const apiGatewayClient = () => new APIGatewayClient({ retryStrategy: controlPlaneRetries() });
export const ec2Client = () => new EC2Client({ retryStrategy: controlPlaneRetries() });
export const eventBridgeClient = () => new EventBridgeClient({});
export const sfnClient = () => new SFNClient({});
/** Path-style addressing, which S3 serves everywhere (docs/aws-facts.md, S3) and an endpoint given by address needs. */
export const s3Client = () => new S3Client({ forcePathStyle: true });
/** Conditional writes make DynamoDB retries safe: the SDK's default retries stay on. */
export const documentClient = () =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });

/** The account id from a Lambda context's function ARN (arn:aws:lambda:region:account:function:name). */
export function accountIdOf(invokedFunctionArn: string): string {
  const accountId = invokedFunctionArn.split(':')[4];
  if (!accountId) throw new Error(`cannot read the account id from ${invokedFunctionArn}`);
  return accountId;
}
