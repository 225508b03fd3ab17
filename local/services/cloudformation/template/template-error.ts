/**
 * A template or its input that CloudFormation refuses, with CloudFormation's own message
 * ("Template format error: …", "Parameters: [X] must have values", …). The service answers it as a
 * `ValidationError` when it is found on the request's path, and as a resource or stack failure
 * reason when it is found while the stack is being worked on (docs/aws-facts.md, CloudFormation).
 */
export class TemplateValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateValidationError';
  }
}
