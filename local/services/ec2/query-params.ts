import { QueryParameters } from '../../core/query-protocol';
import { invalidParameterValue, missingParameter } from './ec2-errors';

/** One `Filter.N`: a name and the values any of which may match. */
export interface Filter {
  readonly name: string;
  readonly values: readonly string[];
}

export interface TagInput {
  readonly key: string;
  readonly value: string | undefined;
}

export interface TagSpecificationInput {
  readonly resourceType: string | undefined;
  readonly tags: readonly TagInput[];
}

const PROTOCOL_PARAMS = new Set(['Action', 'Version', 'DryRun']);
/** EC2's maximum for a 32-bit integer parameter. */
const MAX_INT32 = 2_147_483_647;

/**
 * The parameters of one EC2 query-protocol call, flattened as the SDKs send them:
 * lists as `Name.1`, `Name.2`; structures as `Name.Member`; filters as
 * `Filter.1.Name` with `Filter.1.Value.1`.
 */
export class QueryParams extends QueryParameters {
  /** The value, or MissingParameter naming it (an empty value counts as missing, as on AWS). */
  required(name: string): string {
    const value = this.params.get(name);
    if (value === undefined || value === '') throw missingParameter(name);
    return value;
  }

  boolean(name: string): boolean | undefined {
    const value = this.params.get(name);
    if (value === undefined) return undefined;
    if (value === 'true') return true;
    if (value === 'false') return false;
    throw invalidParameterValue(
      `Value (${value}) for parameter ${name} is invalid. Expected: 'true' or 'false'.`,
    );
  }

  integer(name: string): number | undefined {
    const value = this.params.get(name);
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!/^-?\d+$/.test(value) || Math.abs(parsed) > MAX_INT32) {
      throw invalidParameterValue(`Value (${value}) for parameter ${name} is invalid. Expected an integer.`);
    }
    return parsed;
  }

  /** `Prefix.1`, `Prefix.2`, … in index order. */
  list(prefix: string): string[] {
    return this.indexed(prefix)
      .map((index) => this.params.get(`${prefix}.${index}`))
      .filter((value): value is string => value !== undefined);
  }

  /** `Filter.N.Name` with `Filter.N.Value.M`. */
  filters(): Filter[] {
    return this.indexed('Filter').map((index) => {
      const name = this.params.get(`Filter.${index}.Name`);
      if (name === undefined) throw missingParameter(`Filter.${index}.Name`);
      return { name, values: this.list(`Filter.${index}.Value`) };
    });
  }

  /** `Prefix.N.Key` with an optional `Prefix.N.Value`. */
  tags(prefix: string): TagInput[] {
    return this.indexed(prefix).map((index) => {
      const key = this.params.get(`${prefix}.${index}.Key`);
      if (key === undefined) throw missingParameter(`${prefix}.${index}.Key`);
      return { key, value: this.params.get(`${prefix}.${index}.Value`) };
    });
  }

  /** `TagSpecification.N.ResourceType` with `TagSpecification.N.Tag.M.Key/Value`. */
  tagSpecifications(): TagSpecificationInput[] {
    return this.indexed('TagSpecification').map((index) => ({
      resourceType: this.params.get(`TagSpecification.${index}.ResourceType`),
      tags: this.tags(`TagSpecification.${index}.Tag`),
    }));
  }

  /** Every parameter but the protocol's own and those named, in a stable order: what "the same request" means. */
  fingerprint(excluded: readonly string[]): string {
    const skip = new Set([...PROTOCOL_PARAMS, ...excluded]);
    return JSON.stringify([...this.params.entries()].filter(([key]) => !skip.has(key)).sort());
  }

  private indexed(prefix: string): number[] {
    return this.indexes(prefix);
  }
}
