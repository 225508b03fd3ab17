import type { StateMachine } from 'aws-local-stepfunctions';
import { AwsError } from '../../core/aws-error';
import type { AslRuntime } from './asl-runtime';

/**
 * ASL fields the library silently ignores (AWS-FACTS): executing a definition that uses them would
 * quietly do something else than AWS, so the local cloud refuses them at creation instead.
 */
const UNSUPPORTED_FIELDS = ['Assign', 'Arguments', 'Output', 'ItemReader', 'ItemBatcher', 'ResultWriter'];

/** Step Functions' definition size quota: 1 MiB of JSON text. */
const MAX_DEFINITION_CHARACTERS = 1_048_576;

function invalidDefinition(reason: string): AwsError {
  return new AwsError('InvalidDefinition', `Invalid State Machine Definition: '${reason}'`, 400);
}

/** A validated definition: the parsed ASL and the library's machine for it. */
export interface CompiledDefinition {
  readonly definition: Record<string, unknown>;
  readonly machine: StateMachine;
}

/**
 * Validates definitions and builds the library's `StateMachine` for each, once: constructing one
 * runs the ASL validator, which costs 250-600 ms (AWS-FACTS), so executions reuse it.
 */
export class DefinitionCompiler {
  private readonly compiled = new Map<string, CompiledDefinition>();

  constructor(private readonly runtime: AslRuntime) {}

  /** The compiled machine of a definition; throws InvalidDefinition with the validator's message. */
  compile(definition: string): CompiledDefinition {
    const cached = this.compiled.get(definition);
    if (cached) return cached;
    if (definition.length > MAX_DEFINITION_CHARACTERS) {
      throw invalidDefinition(
        `SCHEMA_VALIDATION_FAILED: definition is larger than ${MAX_DEFINITION_CHARACTERS}`,
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(definition);
    } catch (error: unknown) {
      throw invalidDefinition(
        `INVALID_JSON_DESCRIPTION: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw invalidDefinition('SCHEMA_VALIDATION_FAILED: the definition must be a JSON object');
    }
    checkEmulatedFeatures(parsed, '');
    let machine: StateMachine;
    try {
      machine = new this.runtime.StateMachine(parsed as ConstructorParameters<AslRuntime['StateMachine']>[0]);
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : String(error);
      const reasons = message
        .replace(/^State machine definition is invalid, see error\(s\) below:\s*/, '')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
      throw invalidDefinition(reasons.join(', '));
    }
    const compiled: CompiledDefinition = { definition: parsed as Record<string, unknown>, machine };
    this.compiled.set(definition, compiled);
    return compiled;
  }
}

/**
 * Refuses what the validator lets through but the executor cannot honour: JSONata, variables and
 * the other ignored fields, and a Task Resource that is not a string (an unresolved
 * `Fn::GetAtt`, which AWS refuses too).
 */
function checkEmulatedFeatures(node: unknown, path: string): void {
  if (Array.isArray(node)) {
    node.forEach((child, index) => {
      checkEmulatedFeatures(child, `${path}/${index}`);
    });
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  if (record.QueryLanguage === 'JSONata') {
    throw invalidDefinition(
      `UNSUPPORTED_FEATURE: JSONata at ${path || '/'} is not emulated by the local cloud (JSONPath only)`,
    );
  }
  if (record.Type === 'Task' && 'Resource' in record && typeof record.Resource !== 'string') {
    throw invalidDefinition(`SCHEMA_VALIDATION_FAILED: Expected value of type String at ${path}/Resource`);
  }
  const isState = typeof record.Type === 'string';
  for (const [key, value] of Object.entries(record)) {
    if (isState && UNSUPPORTED_FIELDS.includes(key)) {
      throw invalidDefinition(`UNSUPPORTED_FEATURE: ${key} at ${path} is not emulated by the local cloud`);
    }
    // Parameters, ResultSelector and Result are payload templates: their keys are data.
    if (key === 'Parameters' || key === 'ResultSelector' || key === 'Result' || key === 'ItemSelector')
      continue;
    checkEmulatedFeatures(value, `${path}/${key}`);
  }
}
