import { createHash } from 'node:crypto';
import type { AwsError } from '../../core/aws-error';
import type { CloudRequest, CloudResponse, LocalService, ServiceContext } from '../../core/types';
import { createBucket, deleteBucket, headBucket, listBuckets, US_EAST_1 } from './bucket-operations';
import { S3Error, sigV2NotSupported } from './errors';
import { listObjectsV2 } from './list-objects';
import { deleteObject, getObject, headObject, putObject } from './object-operations';
import type { S3Operation } from './operation-context';
import { isPresigned, verifyPresignedRequest } from './presigned-url';
import type { ObjectRecord, S3Snapshot } from './records';
import { SIGV2_QUERY_PARAMETERS, s3OperationOf, targetOf } from './routes';
import { S3Store } from './store';
import { errorDocument, type Owner } from './xml';

export { presignS3Url } from './presigned-url';

const OPERATIONS: Readonly<Record<string, S3Operation>> = {
  ListBuckets: listBuckets,
  CreateBucket: createBucket,
  HeadBucket: headBucket,
  DeleteBucket: deleteBucket,
  ListObjectsV2: listObjectsV2,
  PutObject: putObject,
  GetObject: getObject,
  HeadObject: headObject,
  DeleteObject: deleteObject,
};

/** Stands in S3's x-amz-id-2 (an opaque host id): the same for every answer of the local cloud. */
const HOST_ID = Buffer.from('local-cloud-s3').toString('base64');

export type ObjectCreatedListener = (bucket: string, key: string) => void;

export interface S3Service extends LocalService {
  readonly signingName: 's3';
  /** An object as stored (in process, for the local services that read what clients wrote). */
  readObject(bucket: string, key: string): ObjectRecord | undefined;
  /** Creates a bucket in process unless it exists (the local CloudFormation's response bucket). */
  ensureBucket(name: string, region?: string): void;
  /** Calls `listener` after each PutObject; returns the function that stops it. */
  onObjectCreated(listener: ObjectCreatedListener): () => void;
  snapshot(): S3Snapshot;
  restore(state: unknown): void;
}

/**
 * The local S3 (docs/aws-facts.md, S3): buckets and objects over S3's REST-XML protocol, path style,
 * for the real SDK v3 client, botocore and plain HTTP clients holding a presigned URL. The subset
 * the custom-resource work needs: Create/Head/Delete/ListBuckets, Put/Get/Head/DeleteObject,
 * ListObjectsV2, and SigV4 presigned URLs, whose signature (with the local secret `test`), signed
 * headers and expiry on the simulated clock are checked. Header-signed calls are not checked, as
 * nowhere in the local cloud. Written here rather than taken from s3rver: s3rver 3.7.1 (2021, the
 * last release) stores the SDK v3's aws-chunked uploads with their chunk framing as the object's
 * bytes, and runs its own server on the real clock.
 */
export function createS3Service(ctx: ServiceContext): S3Service {
  const store = new S3Store();
  const owner: Owner = { id: createHash('sha256').update(`canonical-user:${ctx.accountId}`).digest('hex') };
  const listeners = new Set<ObjectCreatedListener>();
  const objectCreated = (bucket: string, key: string) => {
    for (const listener of listeners) listener(bucket, key);
  };
  const commonHeaders = (req: CloudRequest) => ({ 'x-amz-request-id': req.requestId, 'x-amz-id-2': HOST_ID });

  return {
    signingName: 's3',

    operationOf(req) {
      return s3OperationOf(req.method, targetOf(req.path), req.query, req.headers);
    },

    handle(req, operation): CloudResponse {
      const run = OPERATIONS[operation];
      if (!run) throw new Error(`no S3 operation ${operation}`);
      const nowMs = ctx.clock.now();
      if (SIGV2_QUERY_PARAMETERS.some((name) => req.query.has(name))) throw sigV2NotSupported();
      if (isPresigned(req.query)) verifyPresignedRequest(req, nowMs);
      const response = run({ store, req, target: targetOf(req.path), nowMs, owner, objectCreated });
      return { ...response, headers: { ...commonHeaders(req), ...response.headers } };
    },

    /** S3's XML error document; a HEAD answer carries the status alone, as S3's does. */
    errorResponse(error: AwsError, req): CloudResponse {
      const headers: Record<string, string> = commonHeaders(req);
      if (req.method === 'HEAD') return { status: error.status, headers };
      const details = error instanceof S3Error ? error.details : [];
      return {
        status: error.status,
        headers: { ...headers, 'content-type': 'application/xml' },
        body: errorDocument(error.code, error.message, details, req.requestId, HOST_ID),
      };
    },

    readObject: (bucket, key) => (store.findBucket(bucket) ? store.findObject(bucket, key) : undefined),
    ensureBucket(name, region = US_EAST_1) {
      if (!store.findBucket(name)) store.putBucket({ name, region, createdAtMs: ctx.clock.now() });
    },
    onObjectCreated(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot: () => store.snapshot(),
    restore: (state) => store.restore(state),
  };
}
