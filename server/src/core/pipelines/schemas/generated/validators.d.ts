/** Types of the validation functions that scripts/generate-pipeline-validators.ts compiles from the schema (ajv standalone). */
import type { ErrorObject } from 'ajv';

export interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export const dags: GeneratedValidator;
export const defaults: GeneratedValidator;
