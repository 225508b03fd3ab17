import { randomBytes } from 'node:crypto';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * An id as Service Catalog makes them: a prefix and 13 characters of lower-case base32
 * (`port-2s6xmplq5wdh4`, `prod-3p5abcdef3oyk`, `pa-pq3p5lil12a34`, `pp-abcd27bm4mldq`,
 * `rec-tfuawdabcdxge`, `cons-7tr6gei4bxxxx`, `prodview-abcd42wvx45um`).
 */
export function catalogId(prefix: string): string {
  const bytes = randomBytes(13);
  let suffix = '';
  for (const byte of bytes) suffix += BASE32[byte % 32];
  return `${prefix}-${suffix}`;
}

/** A launch path's id: `lpv3-` and the portfolio's suffix (the documented examples pair them so). */
export const launchPathIdOf = (portfolioId: string): string => `lpv3-${portfolioId.replace(/^port-/, '')}`;

export const portfolioArnOf = (region: string, accountId: string, portfolioId: string): string =>
  `arn:aws:catalog:${region}:${accountId}:portfolio/${portfolioId}`;

export const productArnOf = (region: string, accountId: string, productId: string): string =>
  `arn:aws:catalog:${region}:${accountId}:product/${productId}`;

export const provisionedProductArnOf = (
  region: string,
  accountId: string,
  name: string,
  provisionedProductId: string,
): string => `arn:aws:servicecatalog:${region}:${accountId}:stack/${name}/${provisionedProductId}`;

/** The stack Service Catalog launches for a provisioned product: `SC-{account}-{pp id}`. */
export const stackNameOf = (accountId: string, provisionedProductId: string): string =>
  `SC-${accountId}-${provisionedProductId}`;
