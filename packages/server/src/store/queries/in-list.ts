/**
 * The values of an `IN (…)` filter, never an empty list: PostgreSQL refuses `in ()` where SQLite
 * matches nothing, so an empty selection matches nothing on both stores. '' is never an id, a name,
 * a state or a status.
 */
export const inList = <T extends string>(values: readonly T[]): T[] => [...values, '' as T];
