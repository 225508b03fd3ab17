import { documentClient } from '../../shared/aws/clients';
import { readConfig } from '../../shared/config/config';
import { createStepHandler } from '../../shared/middleware/step-handler';
import { createStatusStore } from '../../shared/status/status-store';
import { acquireLease } from '../../shared/steps/lease';
import { stepContextSchema } from '../../shared/steps/step-input';

const config = readConfig(['TABLE_NAME', 'LEASE_SECONDS']);
const store = createStatusStore(documentClient(), config.TABLE_NAME);

export const handler = createStepHandler({
  step: 'acquire-lease',
  input: stepContextSchema,
  store,
  run: (input) => acquireLease(input, { store, ttlMs: config.LEASE_SECONDS * 1000, nowMs: Date.now }),
});
