const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every id of ours is a database UUID: the one check of that, for loaders, resolvers and event envelopes. */
export const isUuid = (value: string): boolean => UUID.test(value);
