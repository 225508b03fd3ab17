import { noSuchBucket, noSuchKey } from './errors';
import { type BucketRecord, type ObjectRecord, type S3Snapshot, s3SnapshotSchema } from './records';

/** S3 lists keys in UTF-8 byte order, which JavaScript's UTF-16 comparison is not. */
export const compareKeys = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

interface StoredBucket {
  readonly record: BucketRecord;
  readonly objects: Map<string, ObjectRecord>;
}

/**
 * The local S3's state: buckets (one namespace for the whole cloud, as S3's is global) and their
 * objects. Lookups fail with S3's NoSuchBucket and NoSuchKey.
 */
export class S3Store {
  private buckets = new Map<string, StoredBucket>();

  findBucket(name: string): BucketRecord | undefined {
    return this.buckets.get(name)?.record;
  }

  private stored(name: string): StoredBucket {
    const bucket = this.buckets.get(name);
    if (!bucket) throw noSuchBucket(name);
    return bucket;
  }

  requireBucket(name: string): BucketRecord {
    return this.stored(name).record;
  }

  /** Adds a bucket, empty. */
  putBucket(record: BucketRecord): void {
    this.buckets.set(record.name, { record, objects: new Map() });
  }

  removeBucket(name: string): void {
    this.buckets.delete(name);
  }

  /** Every bucket, by name. */
  listBuckets(): BucketRecord[] {
    return [...this.buckets.values()].map(({ record }) => record).sort((a, b) => compareKeys(a.name, b.name));
  }

  objectCount(bucket: string): number {
    return this.stored(bucket).objects.size;
  }

  putObject(object: ObjectRecord): void {
    this.stored(object.bucket).objects.set(object.key, object);
  }

  findObject(bucket: string, key: string): ObjectRecord | undefined {
    return this.stored(bucket).objects.get(key);
  }

  requireObject(bucket: string, key: string): ObjectRecord {
    const object = this.findObject(bucket, key);
    if (!object) throw noSuchKey(key);
    return object;
  }

  removeObject(bucket: string, key: string): void {
    this.stored(bucket).objects.delete(key);
  }

  /** A bucket's objects in key order (UTF-8 bytes). */
  listObjects(bucket: string): ObjectRecord[] {
    return [...this.stored(bucket).objects.values()].sort((a, b) => compareKeys(a.key, b.key));
  }

  snapshot(): S3Snapshot {
    return {
      version: 1,
      buckets: structuredClone(this.listBuckets()),
      objects: [...this.buckets.values()].flatMap(({ objects }) =>
        [...objects.values()].map(({ body, ...object }) => ({
          ...structuredClone(object),
          bodyBase64: body.toString('base64'),
        })),
      ),
    };
  }

  /** Replaces the whole state with a snapshot; throws a ZodError naming the bad field. */
  restore(state: unknown): void {
    const snapshot = s3SnapshotSchema.parse(state);
    this.buckets = new Map();
    for (const bucket of snapshot.buckets) this.putBucket(bucket);
    for (const { bodyBase64, ...object } of snapshot.objects) {
      this.putObject({ ...object, body: Buffer.from(bodyBase64, 'base64') });
    }
  }
}
