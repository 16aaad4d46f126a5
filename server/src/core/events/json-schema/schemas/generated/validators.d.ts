/** Types of the meta-schema validators that scripts/generate-event-schema-validators.ts compiles (ajv standalone). */
import type { ErrorObject } from 'ajv';

export interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export const draft07: GeneratedValidator;
export const draft2020: GeneratedValidator;
