import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import dynalite from 'dynalite';
import type { AwsError } from '../../core/aws-error';

/**
 * DynamoDB is dynalite (an in-memory LevelDB behind the real DynamoDB JSON protocol), served on
 * the cloud's own port: its request listener is handed the raw request, so it parses the body
 * itself. Dynalite has no transactions: the control plane must not need them.
 */
export interface DynamoDbService {
  readonly signingName: 'dynamodb';
  /** The operation from `X-Amz-Target: DynamoDB_20120810.PutItem`. */
  operationOf(req: IncomingMessage): string;
  handleRaw(req: IncomingMessage, res: ServerResponse): void;
  errorResponse(error: AwsError): { status: number; headers: Record<string, string>; body: string };
  close(): Promise<void>;
}

export function createDynamoDbService(options: { path?: string } = {}): DynamoDbService {
  // createTableMs 0: tables are ACTIVE at once (AWS-FACTS: dynalite).
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, path: options.path });
  const [listener] = server.listeners('request') as RequestListener[];
  if (!listener) throw new Error('dynalite exposed no request listener');
  server.listen(0, '127.0.0.1');
  return {
    signingName: 'dynamodb',
    operationOf(req) {
      const target = req.headers['x-amz-target'];
      return typeof target === 'string' ? (target.split('.')[1] ?? '') : '';
    },
    handleRaw(req, res) {
      listener(req, res);
    },
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
        // dynalite closes its database (and releases a --state LevelDB's lock) only when its own
        // HTTP server closes, which needs it to have listened: hence the idle loopback listener.
        server.close((error?: Error) => (error ? reject(error) : resolve()));
      }),
  };
}
