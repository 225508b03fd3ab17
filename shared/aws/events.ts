import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';

/** Publishes one status event on the control plane's bus; a per-entry failure is an error, not a silent drop. */
export function eventPublisher(client: EventBridgeClient, eventBusName: string, source: string) {
  return async (detailType: string, detail: Record<string, unknown>): Promise<void> => {
    const result = await client.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: eventBusName,
            Source: source,
            DetailType: detailType,
            Detail: JSON.stringify(detail),
          },
        ],
      }),
    );
    const failed = result.Entries?.find((entry) => entry.ErrorCode);
    if ((result.FailedEntryCount ?? 0) > 0 || failed) {
      throw new Error(`PutEvents rejected ${detailType}: ${failed?.ErrorCode} ${failed?.ErrorMessage}`);
    }
  };
}

export type PublishEvent = ReturnType<typeof eventPublisher>;
