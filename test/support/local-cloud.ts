import { type LocalCloud, type LocalCloudOptions, startLocalCloud } from '../../local/cloud';

/** What every real SDK v3 client in a test is given to reach the local cloud. */
export interface ClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

export type TestCloud = LocalCloud & { readonly clientConfig: ClientConfig };

/** Starts a local cloud on free ports (tests run in parallel) and the client config to reach it. */
export async function startTestCloud(options: LocalCloudOptions = {}): Promise<TestCloud> {
  const cloud = await startLocalCloud({ port: 0, dnsPort: 0, ...options });
  return Object.assign(cloud, {
    clientConfig: {
      endpoint: cloud.endpoint,
      region: cloud.region,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    },
  });
}
