import { Logger } from '@aws-lambda-powertools/logger';

/** The one logger of a function: JSON lines with the request id and apiKey appended as keys. */
export const logger = new Logger({ serviceName: 'private-api-control-plane' });
