/** API Gateway quotas the service itself enforces (rate quotas are the router's; AWS-FACTS.md). */

/** Private REST APIs per account and Region. */
export const MAX_PRIVATE_APIS_PER_REGION = 600;
/** Stages per API. */
export const MAX_STAGES_PER_API = 10;
/** Tags per resource (AWS tagging limit). */
export const MAX_TAGS_PER_RESOURCE = 50;
export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;
/** minimumCompressionSize: 0 to 10 MiB. */
export const MAX_MINIMUM_COMPRESSION_SIZE = 10_485_760;
/** Integration timeout bounds in ms (the 29 s default maximum of REST APIs). */
export const MIN_INTEGRATION_TIMEOUT_MS = 50;
export const MAX_INTEGRATION_TIMEOUT_MS = 29_000;
