/**
 * A user's plugin misbehaved: it threw, or returned something the contract does not allow
 * (src/api/plugin-api.ts). It stops the run with one line naming the plugin, the hook, the
 * pod and the node, followed by the plugin's own stack trace when it threw (the user's
 * code, so the trace is theirs to read). Plain fields, so it crosses a worker thread as data.
 */
export class UserPluginError extends Error {
  constructor(
    readonly plugin: string,
    readonly hook: string,
    /** namespace/name of the pod being scheduled; null for checkArgs (no pod yet). */
    readonly pod: string | null,
    /** The node's name; null for a hook without a node (preFilter). */
    readonly node: string | null,
    readonly problem: string,
    /** The stack of what the plugin threw; null when it returned a bad value. */
    readonly pluginStack: string | null,
  ) {
    super(userPluginMessage(plugin, hook, pod, node, problem, pluginStack));
    this.name = 'UserPluginError';
  }

  /** The fields, for a structured clone across threads. */
  toData(): UserPluginErrorData {
    return { plugin: this.plugin, hook: this.hook, pod: this.pod, node: this.node, problem: this.problem, pluginStack: this.pluginStack };
  }

  static fromData(d: UserPluginErrorData): UserPluginError {
    return new UserPluginError(d.plugin, d.hook, d.pod, d.node, d.problem, d.pluginStack);
  }
}

export interface UserPluginErrorData {
  readonly plugin: string;
  readonly hook: string;
  readonly pod: string | null;
  readonly node: string | null;
  readonly problem: string;
  readonly pluginStack: string | null;
}

function userPluginMessage(plugin: string, hook: string, pod: string | null, node: string | null, problem: string, stack: string | null): string {
  const where = pod === null ? 'args' : node === null ? `pod ${pod}` : `pod ${pod}, node ${node}`;
  const line = `plugin ${plugin}: ${hook}(${where}) ${problem}`;
  return stack === null ? line : `${line}\n${stack}`;
}
