import { AwsError } from './aws-error';

/**
 * The error each service answers a throttled call with (AWS-FACTS.md): API Gateway's 429
 * TooManyRequestsException with Retry-After, EC2's 503 RequestLimitExceeded, S3's 503 SlowDown
 * (docs/aws-facts.md, S3), and the JSON services' ThrottlingException.
 */
export function throttleError(service: string, retryAfterSeconds: number): AwsError {
  switch (service) {
    case 'apigateway':
      return new AwsError('TooManyRequestsException', 'Too Many Requests', 429, { retryAfterSeconds });
    case 'ec2':
      return new AwsError('RequestLimitExceeded', 'Request limit exceeded.', 503);
    case 'dynamodb':
      return new AwsError('ThrottlingException', 'Rate of requests exceeds the allowed throughput.', 400);
    case 'lambda':
      return new AwsError('TooManyRequestsException', 'Rate Exceeded.', 429, { retryAfterSeconds });
    case 's3':
      return new AwsError('SlowDown', 'Please reduce your request rate.', 503);
    default:
      return new AwsError('ThrottlingException', 'Rate exceeded', 400);
  }
}
