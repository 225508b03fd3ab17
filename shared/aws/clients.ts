import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/*
 * SDK clients as the functions use them. Region, credentials and (on the local cloud)
 * AWS_ENDPOINT_URL come from the environment, so no code here knows which cloud it talks to.
 *
 * The API Gateway and EC2 clients make one attempt: the state machine retries the whole step,
 * which looks before it creates. An SDK-level retry of CreateRestApi after a lost answer would
 * create a second API (it has no client token).
 */
export const apiGatewayClient = () => new APIGatewayClient({ maxAttempts: 1 });
export const ec2Client = () => new EC2Client({ maxAttempts: 1 });
export const eventBridgeClient = () => new EventBridgeClient({});
export const sfnClient = () => new SFNClient({});
/** Conditional writes make DynamoDB retries safe: the SDK's default retries stay on. */
export const documentClient = () =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });

/** The account id from a Lambda context's function ARN (arn:aws:lambda:region:account:function:name). */
export function accountIdOf(invokedFunctionArn: string): string {
  const accountId = invokedFunctionArn.split(':')[4];
  if (!accountId) throw new Error(`cannot read the account id from ${invokedFunctionArn}`);
  return accountId;
}
