import {
  BadRequestException,
  ConflictException,
  LimitExceededException,
  ServiceUnavailableException,
  TooManyRequestsException,
} from '@aws-sdk/client-api-gateway';
import {
  ConditionalCheckFailedException,
  ProvisionedThroughputExceededException,
} from '@aws-sdk/client-dynamodb';
import { EC2ServiceException } from '@aws-sdk/client-ec2';
import {
  AwsConflictError,
  AwsLimitExceededError,
  AwsThrottlingError,
  AwsTransientError,
  classifyAwsError,
  VpcNotFoundError,
} from '../../../../shared/errors';

/** EC2 errors are not modelled classes in SDK v3: the query protocol gives a ServiceException with the code as name. */
function ec2Error(name: string, httpStatusCode: number): EC2ServiceException {
  return new EC2ServiceException({
    name,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    message: `${name} happened`,
    $metadata: { httpStatusCode },
  });
}

describe('classifyAwsError', () => {
  it("turns API Gateway's TooManyRequestsException into AwsThrottlingError, keeping Retry-After", () => {
    // Prepare
    const original = new TooManyRequestsException({
      message: 'Too Many Requests',
      $metadata: { httpStatusCode: 429 },
      retryAfterSeconds: '5',
    });

    // Act
    const classified = classifyAwsError(original);

    // Assess
    expect(classified).toBeInstanceOf(AwsThrottlingError);
    expect(classified).toMatchObject({
      name: 'AwsThrottlingError',
      awsErrorName: 'TooManyRequestsException',
      httpStatusCode: 429,
      retryAfterSeconds: 5,
      message: 'TooManyRequestsException: Too Many Requests',
    });
    expect(classified.cause).toBe(original);
  });

  it.each([
    ['EC2 RequestLimitExceeded', ec2Error('RequestLimitExceeded', 503)],
    [
      'DynamoDB ProvisionedThroughputExceededException',
      new ProvisionedThroughputExceededException({
        message: 'slow down',
        $metadata: { httpStatusCode: 400 },
      }),
    ],
    ['a ThrottlingException', ec2Error('ThrottlingException', 400)],
    ['an unknown error with HTTP 429', ec2Error('SomethingElse', 429)],
  ])('turns %s into AwsThrottlingError', (_, original) => {
    // Act
    const classified = classifyAwsError(original);

    // Assess
    expect(classified).toBeInstanceOf(AwsThrottlingError);
  });

  it.each([
    [
      "API Gateway's LimitExceededException, though it is a 429 with Retry-After",
      new LimitExceededException({
        message: 'limit',
        $metadata: { httpStatusCode: 429 },
        retryAfterSeconds: '60',
      }),
    ],
    ["EC2's VpcEndpointLimitExceeded", ec2Error('VpcEndpointLimitExceeded', 400)],
  ])('turns %s into AwsLimitExceededError, not throttling', (_, original) => {
    // Act
    const classified = classifyAwsError(original);

    // Assess
    expect(classified).toBeInstanceOf(AwsLimitExceededError);
    expect(classified).not.toBeInstanceOf(AwsThrottlingError);
  });

  it("turns API Gateway's ConflictException into AwsConflictError", () => {
    // Prepare
    const original = new ConflictException({
      message: 'Unable to complete operation due to concurrent modification',
      $metadata: { httpStatusCode: 409 },
    });

    // Act
    const classified = classifyAwsError(original);

    // Assess
    expect(classified).toBeInstanceOf(AwsConflictError);
    expect(classified.message).toBe(
      'ConflictException: Unable to complete operation due to concurrent modification',
    );
  });

  it.each<[string, unknown]>([
    [
      'ServiceUnavailableException',
      new ServiceUnavailableException({ message: 'try later', $metadata: { httpStatusCode: 503 } }),
    ],
    ['an EC2 InternalError', ec2Error('InternalError', 500)],
    ['an unknown 502', ec2Error('BadGateway', 502)],
    ['InternalFailure', ec2Error('InternalFailure', 500)],
    ['a connection reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    [
      "the SDK's TimeoutError",
      Object.assign(new Error('Connection timed out after 1000 ms'), { name: 'TimeoutError' }),
    ],
  ])('turns %s into AwsTransientError', (_, original) => {
    // Act
    const classified = classifyAwsError(original);

    // Assess
    expect(classified).toBeInstanceOf(AwsTransientError);
  });

  it('names a Node.js socket error by its code', () => {
    // Act
    const classified = classifyAwsError(
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED' }),
    );

    // Assess
    expect(classified).toMatchObject({ name: 'AwsTransientError', awsErrorName: 'ECONNREFUSED' });
  });

  it.each<[string, Error]>([
    [
      'BadRequestException',
      new BadRequestException({ message: 'Invalid patch path', $metadata: { httpStatusCode: 400 } }),
    ],
    [
      'ConditionalCheckFailedException',
      new ConditionalCheckFailedException({ message: 'condition', $metadata: { httpStatusCode: 400 } }),
    ],
    ['an EC2 InvalidVpcID.NotFound', ec2Error('InvalidVpcID.NotFound', 400)],
    ["the control plane's own error", new VpcNotFoundError('VPC vpc-1 does not exist')],
    ['a plain Error', new Error('bug')],
  ])('returns %s unchanged', (_, original) => {
    // Act
    const classified = classifyAwsError(original);

    // Assess
    expect(classified).toBe(original);
  });

  it('turns a thrown non-Error into an Error', () => {
    // Act
    const classified = classifyAwsError('socket closed');

    // Assess
    expect(classified).toBeInstanceOf(Error);
    expect(classified.message).toBe('socket closed');
  });
});
