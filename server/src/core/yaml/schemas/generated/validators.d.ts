/** Types of the validation functions that scripts/generate-validators.ts compiles from the schemas (ajv standalone). */
import type { ErrorObject } from 'ajv';

export interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export const properties: GeneratedValidator;
export const dbt_project: GeneratedValidator;
export const selectors: GeneratedValidator;
export const packages: GeneratedValidator;
export const dependencies: GeneratedValidator;
