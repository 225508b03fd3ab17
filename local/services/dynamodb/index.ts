import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { AwsError } from '../../core/aws-error';
import type { CloudRequest, CloudResponse, LocalService } from '../../core/types';

/**
 * DynamoDB is dynalite (a LevelDB behind the real DynamoDB JSON protocol, in memory unless
 * `--state` gives it a path), listening on its own loopback port; the cloud forwards each call to
 * it like any other service, so quotas and every fault kind (error-after included) apply to it too.
 * Dynalite has no transactions: the control plane must not need them.
 */
export interface DynamoDbService extends LocalService {
  close(): Promise<void>;
}

export async function createDynamoDbService(options: { path?: string } = {}): Promise<DynamoDbService> {
  // createTableMs 0: tables become ACTIVE on the next tick (callers still wait for ACTIVE, as on AWS).
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, path: options.path });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const forward = (req: CloudRequest): Promise<CloudResponse> =>
    new Promise((resolve, reject) => {
      const outgoing = request(
        {
          host: '127.0.0.1',
          port,
          method: req.method,
          path: req.path,
          headers: { ...req.headers, 'content-length': String(req.body.length) },
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () => {
            const headers: Record<string, string> = {};
            for (const [name, value] of Object.entries(incoming.headers)) {
              if (typeof value === 'string' && name !== 'content-length' && name !== 'connection')
                headers[name] = value;
            }
            resolve({ status: incoming.statusCode ?? 500, headers, body: Buffer.concat(chunks) });
          });
          incoming.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(req.body);
    });

  return {
    signingName: 'dynamodb',
    /** The operation from `X-Amz-Target: DynamoDB_20120810.PutItem`. */
    operationOf(req) {
      const target = req.headers['x-amz-target'];
      const operation = typeof target === 'string' ? target.split('.')[1] : undefined;
      return operation ?? new AwsError('UnknownOperationException', 'missing X-Amz-Target', 400);
    },
    handle: forward,
    errorResponse(error) {
      return {
        status: error.status,
        headers: { 'content-type': 'application/x-amz-json-1.0' },
        body: JSON.stringify({
          __type: `com.amazonaws.dynamodb.v20120810#${error.code}`,
          message: error.message,
        }),
      };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Closing dynalite's server also closes its database (releasing a --state LevelDB's lock).
        server.close((error?: Error) => (error ? reject(error) : resolve()));
      }),
  };
}
