import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { DefinitionMissingError } from '../errors';
import { canonicalJson } from '../request/canonical-json';
import { definitionKey } from './table';

/**
 * The OpenAPI definitions requests carried, one item each (`DEFINITION#{sha256}`), written by
 * intake before the workflow starts. The workflow's state, the managed-API record's desired and
 * last good specs carry a reference instead of the document: a definition may be up to
 * REQUEST_LIMITS.openApiMaxBytes, and a Step Functions state is at most 256 KiB, a DynamoDB item
 * 400 KB (docs/aws-facts.md: Step Functions, DynamoDB). Items are immutable: the key is the hash
 * of the document's canonical JSON, so the same document is stored once whoever sends it.
 */
export const definitionRefSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
});

export type DefinitionRef = z.output<typeof definitionRefSchema>;

export interface DefinitionStore {
  /** Stores the document (a no-op when it is stored already) and returns its reference. */
  put(openApi: Record<string, unknown>): Promise<DefinitionRef>;
  /** The document a reference names; DefinitionMissingError when there is none. */
  get(ref: DefinitionRef): Promise<Record<string, unknown>>;
}

/** The reference of a document: the SHA-256 of its canonical JSON, and its size as sent. */
export function definitionRef(openApi: Record<string, unknown>): { ref: DefinitionRef; body: string } {
  const body = JSON.stringify(openApi);
  return {
    ref: {
      sha256: createHash('sha256').update(canonicalJson(openApi)).digest('hex'),
      bytes: Buffer.byteLength(body),
    },
    body,
  };
}

export function createDefinitionStore(client: DynamoDBDocumentClient, tableName: string): DefinitionStore {
  return {
    async put(openApi) {
      const { ref, body } = definitionRef(openApi);
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...definitionKey(ref.sha256), ...ref, body },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error: unknown) {
        // Stored already (by another request, or by this one before a lost answer): the same document.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
      return ref;
    },

    async get(ref) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: definitionKey(ref.sha256), ConsistentRead: true }),
      );
      if (typeof Item?.body !== 'string') {
        throw new DefinitionMissingError(`the OpenAPI definition ${ref.sha256} is not in the status table`);
      }
      return JSON.parse(Item.body) as Record<string, unknown>;
    },
  };
}
