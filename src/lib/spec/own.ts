// User keys (role names in an entity's access map) are looked up as own properties only: a role
// named constructor, toString or valueOf must never find Object.prototype's function and read it
// as an access override (Object.prototype.constructor.create is a function: a create right).
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
