import { z } from 'zod';

/** The keys every step's input carries (the state machine passes them from the execution input). */
export const stepContextSchema = z.object({
  requestId: z.string().min(1),
  apiKey: z.string().min(1),
  action: z.string().min(1),
});

/** The validated request as the execution input holds it (validated at intake; steps only read it). */
export const requestSchema = z.looseObject({
  api: z.looseObject({
    name: z.string(),
    description: z.string().optional(),
    stageName: z.string(),
    openApi: z.record(z.string(), z.unknown()).optional(),
  }),
  network: z.looseObject({
    vpcId: z.string(),
    subnetIds: z.array(z.string()),
    securityGroupIds: z.array(z.string()),
    privateDns: z.boolean(),
    vpcEndpointId: z.string().optional(),
  }),
  access: z.looseObject({
    allowedVpcIds: z.array(z.string()),
    allowedVpcEndpointIds: z.array(z.string()),
    associatedVpcEndpointIds: z.array(z.string()).default([]),
  }),
  tags: z.record(z.string(), z.string()).optional(),
});

export type StepRequest = z.output<typeof requestSchema>;

/** A Wait/Choice loop's counters, carried between rounds in the execution's state. */
export const pollSchema = z.object({
  attempt: z.number().int().nonnegative(),
  elapsedSeconds: z.number().nonnegative(),
});
