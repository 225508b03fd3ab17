import type { CloudRequest, CloudResponse } from '../../core/types';
import type { S3Target } from './routes';
import type { S3Store } from './store';
import type { Owner } from './xml';

/** What one S3 operation is given: the store, the request and what its path names, the simulated now. */
export interface S3OperationContext {
  readonly store: S3Store;
  readonly req: CloudRequest;
  readonly target: S3Target;
  /** Simulated epoch ms: the cloud's clock. */
  readonly nowMs: number;
  /** The account's canonical user, owner of every bucket. */
  readonly owner: Owner;
  /** Tells in-process listeners that an object was written (the local CloudFormation's ResponseURL). */
  readonly objectCreated: (bucket: string, key: string) => void;
}

export type S3Operation = (context: S3OperationContext) => CloudResponse;

/** The bucket a bucket or object operation names (the router sends service-level calls elsewhere). */
export function bucketOf(context: S3OperationContext): string {
  const { bucket } = context.target;
  if (bucket === undefined) throw new Error('an S3 bucket operation without a bucket');
  return bucket;
}

/** The key an object operation names. */
export function keyOf(context: S3OperationContext): string {
  const { key } = context.target;
  if (key === undefined) throw new Error('an S3 object operation without a key');
  return key;
}

export const XML_CONTENT_TYPE = 'application/xml';
