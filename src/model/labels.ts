/** The Vietnamese words for coded values and columns, read from the schemas (src/read/schemas.ts). */
import type { EnumValue, FileSchema } from '../read/schema.ts';

/** The label of an enum value (`good` → `hoàn thành tốt nhiệm vụ`); the value itself if unknown. */
export const labelOf = (values: readonly EnumValue[], value: string): string =>
  values.find((v) => v.value === value)?.label ?? value;

/** The Vietnamese header of a column (`women` → `Nữ`); the key itself if unknown. */
export const columnLabel = (schema: FileSchema, key: string): string =>
  schema.columns.find((c) => c.key === key)?.label ?? key;
