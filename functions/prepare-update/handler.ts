import { documentClient } from '../../shared/aws/clients';
import { readConfig } from '../../shared/config/config';
import { createStepHandler } from '../../shared/middleware/step-handler';
import { createStatusStore } from '../../shared/status/status-store';
import { prepareUpdate } from '../../shared/steps/prepare-update';
import { stepContextSchema } from '../../shared/steps/step-input';

const config = readConfig(['TABLE_NAME']);
const store = createStatusStore(documentClient(), config.TABLE_NAME);

export const handler = createStepHandler({
  step: 'prepare-update',
  input: stepContextSchema,
  store,
  run: (input) => prepareUpdate(input, { store, now: () => new Date() }),
});
