/**
 * Where custom resource providers answer: on AWS a presigned S3 PUT URL that CloudFormation watches
 * (docs/aws-facts.md, CloudFormation). The custom resource runner only needs these two calls, so
 * any store that can hand out a PUT URL and say what was written there can serve.
 */
export interface ResponseChannel {
  /** A URL the provider PUTs its JSON answer to, valid for `expiresInSeconds`. */
  responseUrl(region: string, key: string, expiresInSeconds: number): Promise<string>;
  /**
   * The body of the first PUT to that key, once there is one; resolves undefined when `signal`
   * aborts first (the runner gave up waiting).
   */
  waitForResponse(region: string, key: string, signal: AbortSignal): Promise<Buffer | undefined>;
}

/** What the channel needs of the local S3 (its in-process side). */
export interface ResponseBucketStore {
  ensureBucket(name: string, region?: string): void;
  readObject(bucket: string, key: string): { readonly body: Buffer } | undefined;
  onObjectCreated(listener: (bucket: string, key: string) => void): () => void;
}

/** Signs a presigned S3 URL (the local S3's presignS3Url). */
export type PresignPut = (options: {
  readonly bucket: string;
  readonly key: string;
  readonly region: string;
  readonly expiresInSeconds: number;
}) => string;

/** CloudFormation's response bucket of a Region: `cloudformation-custom-resource-response-useast1`. */
export const responseBucketOf = (region: string): string =>
  `cloudformation-custom-resource-response-${region.replace(/-/g, '')}`;

/**
 * The response channel over the local S3: each ResponseURL is a presigned PUT URL for the object
 * `{stack id}|{logical id}|{request id}` of the Region's response bucket, as CloudFormation's are,
 * and the answer is the first object written there.
 */
export function s3ResponseChannel(s3: ResponseBucketStore, presignPut: PresignPut): ResponseChannel {
  return {
    async responseUrl(region, key, expiresInSeconds) {
      const bucket = responseBucketOf(region);
      s3.ensureBucket(bucket, region);
      return presignPut({ bucket, key, region, expiresInSeconds });
    },
    waitForResponse(region, key, signal) {
      const bucket = responseBucketOf(region);
      return new Promise((resolve) => {
        const existing = s3.readObject(bucket, key);
        if (existing) return resolve(existing.body);
        if (signal.aborted) return resolve(undefined);
        const stop = s3.onObjectCreated((createdBucket, createdKey) => {
          if (createdBucket !== bucket || createdKey !== key) return;
          const written = s3.readObject(bucket, key);
          if (!written) return;
          done();
          resolve(written.body);
        });
        const onAbort = () => {
          done();
          resolve(undefined);
        };
        const done = () => {
          stop();
          signal.removeEventListener('abort', onAbort);
        };
        signal.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}
