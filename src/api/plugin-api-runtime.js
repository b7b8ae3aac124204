// schedbench's package entry at run time. Its exports are types only (plugin-api.ts,
// advanced-plugin-api.ts), erased when a plugin file runs, so nothing is exported here:
// a plugin never needs schedbench at run time.
export {};
