/** Types of the validation functions that scripts/generate-datacontract-validators.ts compiles from the schemas (ajv standalone). */
import type { ErrorObject } from 'ajv';

export interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export const odcs_v3_0_0: GeneratedValidator;
export const odcs_v3_0_1: GeneratedValidator;
export const odcs_v3_0_2: GeneratedValidator;
export const odcs_v3_1_0: GeneratedValidator;
export const dcs_1_1_0: GeneratedValidator;
export const dcs_1_2_0: GeneratedValidator;
export const dcs_1_2_1: GeneratedValidator;
