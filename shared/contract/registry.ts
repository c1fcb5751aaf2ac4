// The contract's named schemas: each becomes one entry of the OpenAPI document's components.schemas, and other
// schemas refer to it by $ref. Kept apart from zod's global registry so that only the API's shapes are published.
import { z } from 'zod';

export interface ComponentMeta {
  id: string;
}

export const components = z.registry<ComponentMeta>();

/** Registers `schema` as the component `id` and returns it. */
export function component<T extends z.ZodType>(id: string, schema: T, description?: string): T {
  // The description goes to zod's global metadata, which z.toJSONSchema writes out; the id stays ours.
  const described = description === undefined ? schema : (schema.meta({ description }) as T);
  components.add(described as z.ZodType, { id });
  return described;
}
