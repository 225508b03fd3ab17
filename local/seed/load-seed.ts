import { readFileSync } from 'node:fs';
import defaultSeed from './default-seed.json';
import { type SeedData, seedSchema } from './seed-schema';

/** Thrown when a seed file cannot be read or does not validate; the message names the field. */
export class SeedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SeedError';
  }
}

/**
 * Loads and validates the seed data (VPCs, subnets, security groups) the local EC2 starts
 * with: the shipped `default-seed.json` when `path` is absent, else the given JSON file.
 * Throws a SeedError naming the offending field, e.g. `subnets.1.vpcId: unknown VPC 'vpc-…'`.
 */
export function loadSeed(path?: string): SeedData {
  const source = path ?? 'default seed (local/seed/default-seed.json)';
  let raw: unknown = defaultSeed;
  if (path !== undefined) {
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error: unknown) {
      throw new SeedError(
        `seed ${source}: cannot read JSON (${error instanceof Error ? error.message : String(error)})`,
        { cause: error },
      );
    }
  }
  const parsed = seedSchema.safeParse(raw);
  if (!parsed.success) {
    const details = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new SeedError(`seed ${source} is invalid: ${details}`);
  }
  return parsed.data;
}
