/** A JSON value as a template holds it (YAML templates are read into the same shape). */
export type TemplateValue = string | number | boolean | null | TemplateValue[] | TemplateObject;
export interface TemplateObject {
  [key: string]: TemplateValue;
}

export interface ParameterDeclaration {
  readonly Type: string;
  readonly Default?: TemplateValue;
  readonly AllowedValues?: readonly TemplateValue[];
  readonly AllowedPattern?: string;
  readonly MinLength?: TemplateValue;
  readonly MaxLength?: TemplateValue;
  readonly MinValue?: TemplateValue;
  readonly MaxValue?: TemplateValue;
  readonly NoEcho?: TemplateValue;
  readonly Description?: string;
  readonly ConstraintDescription?: string;
}

export interface ResourceDeclaration {
  readonly Type: string;
  readonly Properties?: TemplateObject;
  readonly DependsOn?: string | readonly string[];
  readonly Condition?: string;
  readonly Metadata?: TemplateObject;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

export interface OutputDeclaration {
  readonly Value: TemplateValue;
  readonly Description?: string;
  readonly Export?: { readonly Name: TemplateValue };
  readonly Condition?: string;
}

/** A template after parsing and the checks CloudFormation makes before it starts any work. */
export interface Template {
  readonly AWSTemplateFormatVersion?: string;
  readonly Description?: string;
  readonly Metadata?: TemplateObject;
  readonly Parameters: Readonly<Record<string, ParameterDeclaration>>;
  readonly Mappings: Readonly<Record<string, TemplateObject>>;
  readonly Conditions: Readonly<Record<string, TemplateValue>>;
  readonly Resources: Readonly<Record<string, ResourceDeclaration>>;
  readonly Outputs: Readonly<Record<string, OutputDeclaration>>;
}

/** A parameter's or an intrinsic's value once resolved: a string, or a list of strings. */
export type ResolvedValue = string | readonly string[];

export const isTemplateObject = (value: unknown): value is TemplateObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
