import { isValidBucketName } from './bucket-name';
import { bucketAlreadyOwnedByYou, bucketNotEmpty, invalidBucketName, S3Error } from './errors';
import { bucketOf, type S3Operation, XML_CONTENT_TYPE } from './operation-context';
import { listBucketsDocument, locationConstraintOf } from './xml';

/** The Region whose endpoint takes a CreateBucket without a LocationConstraint (docs/aws-facts.md, S3). */
export const US_EAST_1 = 'us-east-1';

const incompatibleConstraint = (constraint: string | undefined) =>
  new S3Error(
    'IllegalLocationConstraintException',
    `The ${constraint ?? 'unspecified'} location constraint is incompatible for the region specific endpoint this request was sent to.`,
    400,
  );

/**
 * CreateBucket (docs/aws-facts.md, S3): a valid name; the bucket's Region from the body's
 * LocationConstraint, which us-east-1 takes absent (and refuses as `us-east-1`) and every other
 * Region's endpoint requires, equal to its own. Creating again a bucket one owns answers 200 in
 * us-east-1 (S3's legacy behaviour) and 409 BucketAlreadyOwnedByYou elsewhere.
 */
export const createBucket: S3Operation = (context) => {
  const name = bucketOf(context);
  const { req, store } = context;
  if (!isValidBucketName(name)) throw invalidBucketName(name);
  const constraint = locationConstraintOf(req.body.toString('utf8'));
  if (req.region === US_EAST_1) {
    if (constraint === US_EAST_1) {
      throw new S3Error('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, [
        ['LocationConstraint', constraint],
      ]);
    }
  } else if (constraint !== req.region) {
    throw incompatibleConstraint(constraint);
  }
  const region = constraint ?? US_EAST_1;

  const existing = store.findBucket(name);
  if (existing && !(existing.region === US_EAST_1 && req.region === US_EAST_1)) {
    throw bucketAlreadyOwnedByYou(name);
  }
  if (!existing) store.putBucket({ name, region, createdAtMs: context.nowMs });
  return { status: 200, headers: { location: `/${name}` } };
};

/** HeadBucket: 200 with the bucket's Region, or a bare 404 (a HEAD answer has no body). */
export const headBucket: S3Operation = (context) => {
  const bucket = context.store.requireBucket(bucketOf(context));
  return {
    status: 200,
    headers: { 'x-amz-bucket-region': bucket.region, 'x-amz-access-point-alias': 'false' },
  };
};

/** DeleteBucket: only an empty bucket (409 BucketNotEmpty otherwise); 204 No Content. */
export const deleteBucket: S3Operation = (context) => {
  const name = bucketOf(context);
  context.store.requireBucket(name);
  if (context.store.objectCount(name) > 0) throw bucketNotEmpty(name);
  context.store.removeBucket(name);
  return { status: 204 };
};

/** ListBuckets: every bucket of the account, by name. */
export const listBuckets: S3Operation = (context) => ({
  status: 200,
  headers: { 'content-type': XML_CONTENT_TYPE },
  body: listBucketsDocument(context.owner, context.store.listBuckets()),
});
