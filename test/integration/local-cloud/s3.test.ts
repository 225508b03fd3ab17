import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  paginateListObjectsV2,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { startTestCloud, type TestCloud } from '../../support/local-cloud';

/** The error an SDK call fails with (fails the test if the call succeeds). */
async function failureOf(call: Promise<unknown>): Promise<S3ServiceException> {
  try {
    await call;
  } catch (error: unknown) {
    if (error instanceof S3ServiceException) return error;
    throw error;
  }
  throw new Error('the call succeeded');
}

const codeIn = (xml: string) => /<Code>([^<]+)<\/Code>/.exec(xml)?.[1];

describe('local S3 with the SDK v3 client', () => {
  let cloud: TestCloud;
  let s3: S3Client;
  let bucketSeq = 0;
  /** A fresh bucket for each test, so that tests do not see each other's objects. */
  const newBucket = async () => {
    bucketSeq += 1;
    const bucket = `papi-test-${bucketSeq}`;
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    return bucket;
  };

  beforeAll(async () => {
    cloud = await startTestCloud({ quotas: false });
    s3 = new S3Client({ ...cloud.clientConfig, forcePathStyle: true, maxAttempts: 1 });
  });

  afterAll(async () => {
    s3.destroy();
    await cloud.stop();
  });

  describe('buckets', () => {
    it('creates a bucket, finds it with HeadBucket and ListBuckets, and deletes it', async () => {
      // Prepare
      const bucket = await newBucket();

      // Act
      const head = await s3.send(new HeadBucketCommand({ Bucket: bucket }));
      const { Buckets = [] } = await s3.send(new ListBucketsCommand({}));
      await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
      const gone = await failureOf(s3.send(new HeadBucketCommand({ Bucket: bucket })));

      // Assess
      expect(head.BucketRegion).toBe('us-east-1');
      expect(Buckets.find((listed) => listed.Name === bucket)).toMatchObject({ BucketRegion: 'us-east-1' });
      expect(gone.$metadata.httpStatusCode).toBe(404);
      expect(gone.name).toBe('NotFound');
    });

    it('answers a repeated CreateBucket 200 in us-east-1 and BucketAlreadyOwnedByYou in another Region', async () => {
      // Prepare
      const bucket = await newBucket();
      const euWest = new S3Client({
        ...cloud.clientConfig,
        region: 'eu-west-1',
        forcePathStyle: true,
        maxAttempts: 1,
      });
      const configuration = { LocationConstraint: 'eu-west-1' as const };

      // Act
      const again = await s3.send(new CreateBucketCommand({ Bucket: bucket }));
      await euWest.send(
        new CreateBucketCommand({ Bucket: `${bucket}-eu`, CreateBucketConfiguration: configuration }),
      );
      const owned = await failureOf(
        euWest.send(
          new CreateBucketCommand({ Bucket: `${bucket}-eu`, CreateBucketConfiguration: configuration }),
        ),
      );
      const head = await s3.send(new HeadBucketCommand({ Bucket: `${bucket}-eu` }));
      euWest.destroy();

      // Assess
      expect(again.$metadata.httpStatusCode).toBe(200);
      expect(owned.name).toBe('BucketAlreadyOwnedByYou');
      expect(owned.$metadata.httpStatusCode).toBe(409);
      expect(head.BucketRegion).toBe('eu-west-1');
    });

    it('refuses an invalid bucket name and the deletion of a bucket that holds objects', async () => {
      // Prepare
      const bucket = await newBucket();
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'kept', Body: 'x' }));

      // Act
      const invalid = await failureOf(s3.send(new CreateBucketCommand({ Bucket: 'Not_A_Bucket' })));
      const notEmpty = await failureOf(s3.send(new DeleteBucketCommand({ Bucket: bucket })));

      // Assess
      expect(invalid.name).toBe('InvalidBucketName');
      expect(notEmpty.name).toBe('BucketNotEmpty');
      expect(notEmpty.$metadata.httpStatusCode).toBe(409);
    });
  });

  describe('objects', () => {
    it('round-trips the body, Content-Type and x-amz-meta-* metadata, with the quoted MD5 as ETag', async () => {
      // Prepare
      const bucket = await newBucket();
      const before = Math.floor(cloud.clock.now() / 1000) * 1000;

      // Act
      const put = await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: 'dir/a b.json',
          Body: '{"hello":"world"}',
          ContentType: 'application/json',
          Metadata: { owner: 'payments' },
        }),
      );
      const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'dir/a b.json' }));
      const body = await got.Body?.transformToString();
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'dir/a b.json' }));

      // Assess
      expect(put.ETag).toBe('"fbc24bcc7a1794758fc1327fcfebdaf6"');
      expect(body).toBe('{"hello":"world"}');
      expect(got).toMatchObject({
        ETag: put.ETag,
        ContentType: 'application/json',
        ContentLength: 17,
        Metadata: { owner: 'payments' },
      });
      expect(got.LastModified?.getTime()).toBeGreaterThanOrEqual(before);
      expect(got.LastModified?.getTime()).toBeLessThanOrEqual(cloud.clock.now());
      expect(head).toMatchObject({ ETag: put.ETag, ContentLength: 17, ContentType: 'application/json' });
      expect(head.Metadata).toEqual({ owner: 'payments' });
    });

    it("stores a stream upload's bytes without the aws-chunked framing, and its CRC32", async () => {
      // Prepare
      const bucket = await newBucket();

      // Act
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: 'streamed',
          Body: Readable.from([Buffer.from('hello '), Buffer.from('stream')]),
          ContentLength: 12,
        }),
      );
      const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'streamed' }));

      // Assess
      expect(await got.Body?.transformToString()).toBe('hello stream');
      expect(got.ContentLength).toBe(12);
      expect(got.ChecksumCRC32).toBe('gtnkmQ=='); // CRC32 of "hello stream": 0x82d9e499
    });

    it('answers NoSuchKey, NoSuchBucket and a bare 404 to HEAD, and deletes a missing key quietly', async () => {
      // Prepare
      const bucket = await newBucket();

      // Act
      const noKey = await failureOf(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'absent' })));
      const noBucket = await failureOf(
        s3.send(new GetObjectCommand({ Bucket: 'papi-no-such-bucket', Key: 'k' })),
      );
      const headMissing = await failureOf(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'absent' })));
      const deleted = await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'absent' }));

      // Assess
      expect(noKey.name).toBe('NoSuchKey');
      expect(noKey.$metadata.httpStatusCode).toBe(404);
      expect(noBucket.name).toBe('NoSuchBucket');
      expect(headMissing.name).toBe('NotFound');
      expect(headMissing.$metadata.httpStatusCode).toBe(404);
      expect(deleted.$metadata.httpStatusCode).toBe(204);
    });

    it('deletes an object', async () => {
      // Prepare
      const bucket = await newBucket();
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'doomed', Body: 'x' }));

      // Act
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'doomed' }));
      const gone = await failureOf(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'doomed' })));

      // Assess
      expect(gone.name).toBe('NoSuchKey');
    });

    it('lists with a prefix and a delimiter, and pages with MaxKeys', async () => {
      // Prepare
      const bucket = await newBucket();
      for (const key of ['logs/1', 'logs/2', 'a.json', 'b.json', 'c.json']) {
        await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }));
      }

      // Act
      const top = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Delimiter: '/' }));
      const logs = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'logs/' }));
      const pages: string[][] = [];
      for await (const page of paginateListObjectsV2({ client: s3, pageSize: 2 }, { Bucket: bucket })) {
        pages.push((page.Contents ?? []).map((object) => object.Key ?? ''));
      }

      // Assess
      expect(top.Contents?.map((object) => object.Key)).toEqual(['a.json', 'b.json', 'c.json']);
      expect(top.CommonPrefixes).toEqual([{ Prefix: 'logs/' }]);
      expect(top.KeyCount).toBe(4);
      expect(logs.Contents?.map((object) => [object.Key, object.Size])).toEqual([
        ['logs/1', 6],
        ['logs/2', 6],
      ]);
      expect(pages).toEqual([['a.json', 'b.json'], ['c.json', 'logs/1'], ['logs/2']]);
    });

    it('throttles with 503 SlowDown when a throttle fault is injected', async () => {
      // Prepare
      const bucket = await newBucket();
      const fault = cloud.faults.add({ service: 's3', operation: 'PutObject', kind: 'throttle', count: 1 });

      // Act
      const throttled = await failureOf(
        s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'k', Body: 'x' })),
      );
      const after = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'k', Body: 'x' }));
      cloud.faults.remove(fault.id);

      // Assess
      expect(throttled.name).toBe('SlowDown');
      expect(throttled.$metadata.httpStatusCode).toBe(503);
      expect(after.$metadata.httpStatusCode).toBe(200);
    });
  });

  describe('presigned URLs', () => {
    const presignPut = (bucket: string, key: string, expiresIn = 300) =>
      getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: key }), {
        expiresIn,
        signingDate: cloud.clock.date(),
      });

    it('takes a plain HTTP PUT without Content-Type, as a custom resource sends its answer', async () => {
      // Prepare
      const bucket = await newBucket();
      const url = await presignPut(bucket, 'responses/create.json');
      const created: string[] = [];
      const stop = cloud.services.s3.onObjectCreated((createdBucket, key) =>
        created.push(`${createdBucket}/${key}`),
      );

      // Act
      const response = await fetch(url, { method: 'PUT', body: Buffer.from('{"Status":"SUCCESS"}') });
      stop();
      const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'responses/create.json' }));

      // Assess
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
      expect(await got.Body?.transformToString()).toBe('{"Status":"SUCCESS"}');
      expect(got.ContentType).toBe('binary/octet-stream');
      expect(created).toEqual([`${bucket}/responses/create.json`]);
      expect(cloud.services.s3.readObject(bucket, 'responses/create.json')?.body.toString()).toBe(
        '{"Status":"SUCCESS"}',
      );
    });

    it('takes a plain HTTP PUT with a Content-Type the URL did not sign, and keeps it', async () => {
      // Prepare
      const bucket = await newBucket();
      const url = await presignPut(bucket, 'answer.json');

      // Act
      const response = await fetch(url, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: '{"Status":"FAILED","Reason":"no"}',
      });
      const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'answer.json' }));

      // Assess
      expect(response.status).toBe(200);
      expect(got.ContentType).toBe('application/json');
      expect(await got.Body?.transformToString()).toBe('{"Status":"FAILED","Reason":"no"}');
    });

    it('serves a presigned GET', async () => {
      // Prepare
      const bucket = await newBucket();
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: 'shared.txt',
          Body: 'shared',
          ContentType: 'text/plain',
        }),
      );
      const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: 'shared.txt' }), {
        expiresIn: 60,
        signingDate: cloud.clock.date(),
      });

      // Act
      const response = await fetch(url);

      // Assess
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/plain');
      expect(await response.text()).toBe('shared');
    });

    it('answers 403 SignatureDoesNotMatch to a tampered signature, another key, or another method', async () => {
      // Prepare
      const bucket = await newBucket();
      const url = new URL(await presignPut(bucket, 'signed.json'));
      const signature = url.searchParams.get('X-Amz-Signature') ?? '';
      const tampered = new URL(url);
      tampered.searchParams.set(
        'X-Amz-Signature',
        `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`,
      );
      const otherKey = new URL(url);
      otherKey.pathname = `/${bucket}/other.json`;

      // Act
      const responses = await Promise.all([
        fetch(tampered, { method: 'PUT', body: '{}' }),
        fetch(otherKey, { method: 'PUT', body: '{}' }),
        fetch(url, { method: 'GET' }),
      ]);
      const codes = await Promise.all(responses.map(async (response) => codeIn(await response.text())));
      const stored = cloud.services.s3.readObject(bucket, 'other.json');

      // Assess
      expect(responses.map((response) => response.status)).toEqual([403, 403, 403]);
      expect(codes).toEqual(['SignatureDoesNotMatch', 'SignatureDoesNotMatch', 'SignatureDoesNotMatch']);
      expect(stored).toBeUndefined();
    });

    it('answers 403 AccessDenied "Request has expired" once the cloud clock passes X-Amz-Expires', async () => {
      // Prepare
      const bucket = await newBucket();
      const url = await presignPut(bucket, 'late.json', 60);
      const inTime = await fetch(url, { method: 'PUT', body: '{"attempt":1}' });

      // Act
      cloud.clock.setTimeScale(1000);
      await cloud.clock.sleep(61_000);
      cloud.clock.setTimeScale(1);
      const late = await fetch(url, { method: 'PUT', body: '{"attempt":2}' });
      const text = await late.text();

      // Assess
      expect(inTime.status).toBe(200);
      expect(late.status).toBe(403);
      expect(codeIn(text)).toBe('AccessDenied');
      expect(text).toContain('<Message>Request has expired</Message>');
      expect(text).toContain('<X-Amz-Expires>60</X-Amz-Expires>');
      expect(cloud.services.s3.readObject(bucket, 'late.json')?.body.toString()).toBe('{"attempt":1}');
    });
  });

  it('keeps buckets and objects across a restart with --state', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 's3-state-'));
    const stateFile = join(dir, 'cloud.json');
    try {
      const first = await startTestCloud({ stateFile, quotas: false });
      const firstClient = new S3Client({ ...first.clientConfig, forcePathStyle: true });
      await firstClient.send(new CreateBucketCommand({ Bucket: 'papi-kept' }));
      await firstClient.send(
        new PutObjectCommand({
          Bucket: 'papi-kept',
          Key: 'k',
          Body: Buffer.from([0, 1, 2, 255]),
          Metadata: { a: 'b' },
        }),
      );
      firstClient.destroy();
      await first.stop();

      // Act
      const second = await startTestCloud({ stateFile, quotas: false });
      const secondClient = new S3Client({ ...second.clientConfig, forcePathStyle: true });
      const got = await secondClient.send(new GetObjectCommand({ Bucket: 'papi-kept', Key: 'k' }));
      const bytes = await got.Body?.transformToByteArray();
      secondClient.destroy();
      await second.stop();

      // Assess
      expect(bytes && [...bytes]).toEqual([0, 1, 2, 255]);
      expect(got.Metadata).toEqual({ a: 'b' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
