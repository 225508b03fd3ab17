import { randomInt } from 'node:crypto';

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** REST API, resource and deployment ids are 10 lowercase alphanumerics (e.g. `u67n3ov968`). */
export const API_GATEWAY_ID_LENGTH = 10;

/** A fresh API Gateway id not in `taken`. */
export function newApiGatewayId(taken: (id: string) => boolean): string {
  for (;;) {
    let id = '';
    for (let i = 0; i < API_GATEWAY_ID_LENGTH; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
    if (!taken(id)) return id;
  }
}
