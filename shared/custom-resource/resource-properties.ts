import { type FieldError, type PrivateApiRequest, parsePrivateApiRequest } from '../request';

/**
 * The properties of a `Custom::PrivateApi` resource and the request fields they become. The
 * request schema (shared/request) stays the one source of what is valid; its field errors are
 * reported under the property names a template author wrote.
 */
export const PROPERTY_FIELDS = {
  ApiName: 'api.name',
  Description: 'api.description',
  StageName: 'api.stageName',
  OpenApi: 'api.openApi',
  VpcId: 'network.vpcId',
  SubnetIds: 'network.subnetIds',
  SecurityGroupIds: 'network.securityGroupIds',
  PrivateDns: 'network.privateDns',
  VpcEndpointId: 'network.vpcEndpointId',
  AllowedVpcIds: 'access.allowedVpcIds',
  AllowedVpcEndpointIds: 'access.allowedVpcEndpointIds',
  AssociatedVpcEndpointIds: 'access.associatedVpcEndpointIds',
  Tags: 'tags',
} as const;

export type PropertyName = keyof typeof PROPERTY_FIELDS;

/** Properties CloudFormation itself adds or reads, never part of the request. */
const CLOUDFORMATION_PROPERTIES = new Set(['ServiceToken', 'ServiceTimeout']);

const LIST_PROPERTIES: readonly PropertyName[] = [
  'SubnetIds',
  'SecurityGroupIds',
  'AllowedVpcIds',
  'AllowedVpcEndpointIds',
  'AssociatedVpcEndpointIds',
];

/** The properties that cannot change in place: a new value makes a new API (a replacement). */
export const REPLACEMENT_PROPERTIES: readonly PropertyName[] = ['VpcId', 'PrivateDns', 'VpcEndpointId'];

/** A list property as CloudFormation sends it: a list, or one comma-separated string (CommaDelimitedList, List<…>). */
function listOf(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** `"true"` / `"false"` (every property value is a string) as a boolean; anything else as sent. */
function booleanOf(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const lowered = value.trim().toLowerCase();
  return lowered === 'true' ? true : lowered === 'false' ? false : value;
}

/** Tags as a map, or as CloudFormation's usual list of `{Key, Value}`. */
function tagsOf(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const pairs = value.map((tag: unknown) =>
    typeof tag === 'object' && tag !== null && 'Key' in tag && 'Value' in tag
      ? [tag.Key, tag.Value]
      : undefined,
  );
  return pairs.every((pair) => pair !== undefined && typeof pair[0] === 'string')
    ? Object.fromEntries(pairs as [string, unknown][])
    : value;
}

/** OpenApi as a JSON string (the usual way a template passes a document) or as a map. */
function documentOf(value: unknown): { value: unknown; error?: string } {
  if (typeof value !== 'string') return { value };
  try {
    return { value: JSON.parse(value) };
  } catch {
    return { value, error: 'expected an OpenAPI 3.0 document as JSON (or a map), or an s3:// URI of one' };
  }
}

const fieldToProperty = Object.fromEntries(
  Object.entries(PROPERTY_FIELDS).map(([property, field]) => [field, property]),
);

/** A request field path ("network.subnetIds[1]") as the property path a template author wrote ("SubnetIds[1]"). */
function propertyPathOf(field: string): string {
  for (const [path, property] of Object.entries(fieldToProperty)) {
    if (field === path) return property;
    if (field.startsWith(`${path}.`) || field.startsWith(`${path}[`))
      return `${property}${field.slice(path.length)}`;
  }
  return field;
}

export type PropertiesResult = { ok: true; request: PrivateApiRequest } | { ok: false; errors: FieldError[] };

/**
 * Turns a resource's properties into a create or update request of the control plane: strings
 * parsed as CloudFormation sends them ("true", comma-separated lists, a JSON document), unknown
 * properties refused, and every problem reported with the property it is about.
 */
export function requestFromProperties(input: {
  requestId: string;
  action: 'create' | 'update';
  apiKey: string;
  properties: Readonly<Record<string, unknown>>;
  /** The OpenApi document, when the property named one in S3 and it was read. */
  openApi?: unknown;
}): PropertiesResult {
  const errors: FieldError[] = [];
  const detail: Record<string, Record<string, unknown>> = { api: {}, network: {}, access: {} };
  let tags: unknown;
  for (const [property, raw] of Object.entries(input.properties)) {
    if (CLOUDFORMATION_PROPERTIES.has(property)) continue;
    if (!Object.hasOwn(PROPERTY_FIELDS, property)) {
      errors.push({
        field: property.length > 64 ? `${property.slice(0, 64)}…` : property,
        message: `unknown property: the properties are ${Object.keys(PROPERTY_FIELDS).join(', ')}`,
      });
      continue;
    }
    const name = property as PropertyName;
    let value: unknown = raw;
    if (LIST_PROPERTIES.includes(name)) value = listOf(raw);
    if (name === 'PrivateDns') value = booleanOf(raw);
    if (name === 'Tags') value = tagsOf(raw);
    if (name === 'OpenApi') {
      const document = input.openApi === undefined ? documentOf(raw) : { value: input.openApi };
      if (document.error) {
        errors.push({ field: 'OpenApi', message: document.error });
        continue;
      }
      value = document.value;
    }
    if (name === 'Tags') {
      tags = value;
      continue;
    }
    const [group, field] = PROPERTY_FIELDS[name].split('.') as [string, string];
    (detail[group] ?? {})[field] = value;
  }
  const parsed = parsePrivateApiRequest({
    requestId: input.requestId,
    action: input.action,
    apiKey: input.apiKey,
    api: detail.api,
    network: detail.network,
    access: detail.access,
    ...(tags === undefined ? {} : { tags }),
  });
  if (parsed.ok && errors.length === 0) return parsed;
  return {
    ok: false,
    errors: [
      ...errors,
      ...(parsed.ok ? [] : parsed.errors.map((error) => ({ ...error, field: propertyPathOf(error.field) }))),
    ],
  };
}

/** Whether an update changes a property that cannot change in place. */
export function needsReplacement(
  properties: Readonly<Record<string, unknown>>,
  oldProperties: Readonly<Record<string, unknown>>,
): boolean {
  // PrivateDns defaults to on, as in the request schema: left out and "true" are the same.
  const normalized = (values: Readonly<Record<string, unknown>>, name: PropertyName) =>
    name === 'PrivateDns'
      ? booleanOf(values[name] ?? 'true')
      : typeof values[name] === 'string'
        ? String(values[name]).trim()
        : (values[name] ?? null);
  return REPLACEMENT_PROPERTIES.some(
    (name) =>
      JSON.stringify(normalized(properties, name)) !== JSON.stringify(normalized(oldProperties, name)),
  );
}
