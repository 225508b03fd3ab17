import { z } from 'zod';
import { CHECKSUM_ALGORITHMS } from './checksums';

/**
 * What the local S3 stores: buckets, and objects with their bytes and the headers S3 keeps with
 * them. The `--state` file holds them as they are, each body in base64.
 */

export const bucketRecordSchema = z.object({
  name: z.string(),
  region: z.string(),
  createdAtMs: z.number(),
});
export type BucketRecord = z.infer<typeof bucketRecordSchema>;

/** The representation headers S3 stores with an object and returns on GET and HEAD. */
export const STORED_HEADERS = [
  'content-type',
  'content-encoding',
  'content-disposition',
  'content-language',
  'cache-control',
  'expires',
] as const;

const objectMetadataSchema = z.object({
  bucket: z.string(),
  key: z.string(),
  /** The quoted MD5 of the body, as the ETag header carries it. */
  etag: z.string(),
  lastModifiedMs: z.number(),
  /** STORED_HEADERS present at upload, by lower-case name. */
  headers: z.record(z.string(), z.string()),
  /** User metadata (`x-amz-meta-{name}`), by lower-case name without the prefix. */
  metadata: z.record(z.string(), z.string()),
  checksum: z.object({ algorithm: z.enum(CHECKSUM_ALGORITHMS), value: z.string() }).optional(),
});

export const objectSnapshotSchema = objectMetadataSchema.extend({ bodyBase64: z.string() });

export type ObjectRecord = z.infer<typeof objectMetadataSchema> & { readonly body: Buffer };

export const s3SnapshotSchema = z.object({
  version: z.literal(1),
  buckets: z.array(bucketRecordSchema),
  objects: z.array(objectSnapshotSchema),
});
export type S3Snapshot = z.infer<typeof s3SnapshotSchema>;
