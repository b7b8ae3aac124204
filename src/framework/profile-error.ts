/** A profile or plugin-args problem, with the path inside the profile. */
export class ProfileError extends Error {
  constructor(readonly path: string, readonly problem: string) {
    super(path === '' ? problem : `${path}: ${problem}`);
    this.name = 'ProfileError';
  }
}
