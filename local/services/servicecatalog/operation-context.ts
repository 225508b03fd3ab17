import type { JsonObject } from '../../core/aws-json-protocol';
import type { Clock } from '../../core/clock';
import type { ReadObject, StackApi } from '../cloudformation';
import type { CatalogStore } from './catalog-store';
import type { StackFollower } from './stack-follower';

/** Everything one Service Catalog operation needs to answer a call. */
export interface ServiceCatalogContext {
  readonly input: JsonObject;
  /** From the SigV4 credential scope: the catalog of other Regions is invisible. */
  readonly region: string;
  readonly accountId: string;
  readonly clock: Clock;
  readonly store: CatalogStore;
  /** The local CloudFormation in process: provisioned products are its stacks. */
  readonly stacks: StackApi;
  /** Moves records and provisioned products with their stacks. */
  readonly follower: StackFollower;
  /** Reads an object of the local S3 (a product version's LoadTemplateFromURL). */
  readonly readObject?: ReadObject;
}

/** An operation: the response body, or an AwsError thrown. */
export type ServiceCatalogOperation = (ctx: ServiceCatalogContext) => unknown;
