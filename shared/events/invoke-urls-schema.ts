import { z } from 'zod';

/** The three ways to invoke a private API (seed 002), as the control plane reports them. */
export const invokeUrlsSchema = z
  .object({
    privateDns: z.string().optional().meta({
      description:
        'https://{api-id}.execute-api.{region}.amazonaws.com/{stage}: works inside VPCs whose endpoint has private DNS on.',
    }),
    alias: z.string().meta({
      description:
        'https://{api-id}-{vpce-id}.execute-api.{region}.amazonaws.com/{stage}: the association alias, resolvable anywhere.',
    }),
    endpoint: z
      .object({
        url: z.string().meta({ description: "https://{endpoint's regional DNS name}/{stage}" }),
        headers: z.object({ 'x-apigw-api-id': z.string() }),
      })
      .meta({ description: "The endpoint's own DNS name; send the x-apigw-api-id header with it." }),
  })
  .meta({
    description: 'URLs to invoke the API from the VPC (seed 002: the three ways to invoke a private API).',
  });

export type InvokeUrls = z.output<typeof invokeUrlsSchema>;
