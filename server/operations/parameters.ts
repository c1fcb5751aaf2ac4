// The parameters of an operation as JSON Schema, read from its zod schemas: for the OpenAPI document and the
// MCP tools' input schemas.
import { z } from 'zod';
import { paramDocs } from '../../shared/contract/params.ts';
import type { Operation } from './operation.ts';

export interface ParameterSpec {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  /** Given by repeating the key. */
  multi: boolean;
  description?: string;
  schema: Record<string, unknown>;
}

function shapeOf(schema: z.ZodType | undefined): Record<string, z.ZodType> {
  if (schema === undefined) return {};
  if (!(schema instanceof z.ZodObject)) throw new Error('operation parameters must be a z.object');
  return schema.shape as Record<string, z.ZodType>;
}

function queryParam(name: string, field: z.ZodType): ParameterSpec {
  let inner = field;
  let required = true;
  let fallback: unknown;
  for (;;) {
    if (inner instanceof z.ZodOptional) {
      required = false;
      inner = inner.unwrap() as z.ZodType;
    } else if (inner instanceof z.ZodDefault) {
      required = false;
      fallback = inner.def.defaultValue;
      inner = inner.unwrap() as z.ZodType;
    } else break;
  }
  const doc = paramDocs.get(inner);
  if (!doc) throw new Error(`query parameter ${name} is not built with shared/contract/params.ts`);
  const schema = fallback === undefined ? doc.schema : { ...doc.schema, default: fallback };
  return { name, in: 'query', required, multi: doc.multi, description: doc.description, schema };
}

function pathParam(name: string, field: z.ZodType): ParameterSpec {
  return { name, in: 'path', required: true, multi: false, description: z.globalRegistry.get(field)?.description, schema: { type: 'string' } };
}

/** Path parameters, then query parameters, in declaration order. */
export function parametersOf(op: Operation): ParameterSpec[] {
  return [
    ...Object.entries(shapeOf(op.params)).map(([name, field]) => pathParam(name, field)),
    ...Object.entries(shapeOf(op.query)).map(([name, field]) => queryParam(name, field)),
  ];
}

/** The parameters as one object schema, the arguments of an MCP tool. */
export function parametersSchema(op: Operation): { type: 'object'; properties: Record<string, object>; required: string[]; additionalProperties: false } {
  const params = parametersOf(op);
  const properties: Record<string, object> = {};
  for (const p of params) properties[p.name] = p.description === undefined ? p.schema : { ...p.schema, description: p.description };
  return { type: 'object', properties, required: params.filter((p) => p.required).map((p) => p.name), additionalProperties: false };
}
