import { QueryParameters } from '../../core/query-protocol';
import { missingMember, validationError } from './cloudformation-errors';

/**
 * The parameters of one CloudFormation query-protocol call, as the SDKs flatten them: lists as
 * `Name.member.N`, structures in lists as `Name.member.N.Field`.
 */
export class QueryInput extends QueryParameters {
  /** The value, or the "Value null at 'member'" validation error CloudFormation answers. */
  required(name: string): string {
    const value = this.params.get(name);
    if (value === undefined) throw missingMember(name.charAt(0).toLowerCase() + name.slice(1));
    return value;
  }

  boolean(name: string): boolean | undefined {
    const value = this.params.get(name);
    if (value === undefined) return undefined;
    if (value === 'true' || value === 'false') return value === 'true';
    throw validationError(`Invalid boolean value ${value} for ${name}`);
  }

  integer(name: string): number | undefined {
    const value = this.params.get(name);
    if (value === undefined) return undefined;
    if (!/^-?\d+$/.test(value)) throw validationError(`Invalid integer value ${value} for ${name}`);
    return Number(value);
  }

  /** `Name.member.1`, `Name.member.2`, … */
  list(name: string): string[] {
    return this.indexes(`${name}.member`)
      .map((index) => this.params.get(`${name}.member.${index}`))
      .filter((value): value is string => value !== undefined);
  }

  /** `Name.member.N.Field` structures, each as a map of its fields. */
  structures(name: string): Map<string, string>[] {
    const prefix = `${name}.member`;
    return this.indexes(prefix).map((index) => {
      const head = `${prefix}.${index}.`;
      const fields = new Map<string, string>();
      for (const [key, value] of this.params)
        if (key.startsWith(head)) fields.set(key.slice(head.length), value);
      return fields;
    });
  }
}
