import type { SchedulerPlugin } from '../../api/plugin-api.js';
import type { PluginFactory } from '../../framework/types.js';
import { InputError } from '../../model/errors.js';
import { userPluginFactory } from './adapt-user-plugin.js';

/** A plugin file's default export, checked: its name and the factory the registry gets. */
export interface UserPluginDefinition {
  readonly name: string;
  readonly factory: PluginFactory;
  /** simple: the contract of src/api/plugin-api.ts; advanced: the framework's own Plugin (see below). */
  readonly form: 'simple' | 'advanced';
}

const SIMPLE_HOOKS = ['checkArgs', 'preFilter', 'filter', 'score'] as const;
const NORMALIZATIONS = ['none', 'minmax', 'reverse-minmax'];

/**
 * Checks the default export of a plugin module (`file` is for messages) and returns its
 * factory. Two forms:
 *   simple    { name, checkArgs?, preFilter?, filter?, score?, normalize? } (src/api/plugin-api.ts)
 *   advanced  { name, create(args, env) } returning the framework's Plugin
 *             (src/framework/types.ts: per-pod state in preFilter/preScore, filterMany and
 *             scoreMany loops over node rows), the contract the built-in plugins use
 * Unknown fields are refused, so a misspelt hook (`scores`) is an error, not a plugin
 * that silently does nothing.
 */
export function userPluginDefinition(mod: unknown, file: string): UserPluginDefinition {
  const fail = (path: string, problem: string): never => {
    throw new InputError({ file, path }, problem);
  };
  const def = (mod as { default?: unknown } | null)?.default;
  if (def === undefined) fail('', 'no default export (a plugin file exports its plugin as `export default { name, ... }`)');
  if (typeof def !== 'object' || def === null || Array.isArray(def)) fail('default', `expected an object, got ${kindOf(def)}`);
  const o = def as Record<string, unknown>;
  if (typeof o.name !== 'string' || !/^[A-Za-z][A-Za-z0-9_.-]*$/.test(o.name)) {
    fail('default.name', `expected a plugin name (a letter, then letters, digits, '-', '_' or '.'), got ${kindOf(o.name)}`);
  }
  const name = o.name as string;
  if ('create' in o) {
    for (const k of Object.keys(o)) if (k !== 'name' && k !== 'create') fail(`default.${k}`, 'unknown field (the advanced form has name and create only)');
    if (typeof o.create !== 'function') fail('default.create', `expected a function (args, env) => Plugin, got ${kindOf(o.create)}`);
    const create = o.create as PluginFactory;
    const factory: PluginFactory = (args, env) => {
      const p = create(args, env);
      if (typeof p !== 'object' || p === null || p.name !== name) {
        throw new InputError({ file, path: 'default.create' }, `must return a Plugin named ${JSON.stringify(name)}`);
      }
      return p;
    };
    return { name, factory, form: 'advanced' };
  }
  for (const k of Object.keys(o)) {
    if (k !== 'name' && k !== 'normalize' && !(SIMPLE_HOOKS as readonly string[]).includes(k)) {
      fail(`default.${k}`, `unknown field (a plugin has name, ${SIMPLE_HOOKS.join(', ')}, normalize; or name and create)`);
    }
  }
  for (const h of SIMPLE_HOOKS) {
    if (o[h] !== undefined && typeof o[h] !== 'function') fail(`default.${h}`, `expected a function, got ${kindOf(o[h])}`);
  }
  if (o.filter === undefined && o.score === undefined && o.preFilter === undefined) {
    fail('default', 'a plugin needs at least one of preFilter, filter and score');
  }
  if (o.normalize !== undefined && !NORMALIZATIONS.includes(o.normalize as string)) {
    fail('default.normalize', `expected one of ${NORMALIZATIONS.map((n) => `'${n}'`).join(', ')}, got ${kindOf(o.normalize)}`);
  }
  if (o.normalize !== undefined && o.score === undefined) fail('default.normalize', 'normalize applies to scores, and the plugin has no score');
  return { name, factory: userPluginFactory(def as SchedulerPlugin), form: 'simple' };
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v);
  return typeof v === 'object' ? 'an object' : typeof v === 'function' ? 'a function' : String(v);
}
