/** A valid create request as a portal sends it: a fresh object each call, so tests may mutate it. */
export function createDetail(): Record<string, unknown> {
  return {
    requestId: 'req-0001',
    action: 'create',
    apiKey: 'orders-prod',
    api: { name: 'Orders', description: 'Orders API', stageName: 'v1' },
    network: {
      vpcId: 'vpc-0123456789abcdef0',
      subnetIds: ['subnet-0123456789abcdef0', 'subnet-11111111'],
      securityGroupIds: ['sg-0123456789abcdef0'],
    },
    tags: { team: 'payments' },
  };
}

/** A valid delete request. */
export function deleteDetail(): Record<string, unknown> {
  return { requestId: 'req-0002', action: 'delete', apiKey: 'orders-prod' };
}

/** Sets `value` at a dotted path ("network.subnetIds") of a request made by a fixture; `undefined` removes it. */
export function withField(
  detail: Record<string, unknown>,
  path: string,
  value: unknown,
): Record<string, unknown> {
  const keys = path.split('.');
  const last = keys.pop() ?? '';
  let target: object = detail;
  for (const key of keys) {
    const next: unknown = Reflect.get(target, key);
    if (typeof next !== 'object' || next === null) throw new Error(`withField: no object at ${key}`);
    target = next;
  }
  if (value === undefined) Reflect.deleteProperty(target, last);
  else Reflect.set(target, last, value);
  return detail;
}
