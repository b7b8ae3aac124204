import fc from 'fast-check';

/**
 * Property tests draw from a fixed seed so that `npm test` (and CI) is repeatable; set
 * FC_SEED to explore other inputs. A failure prints its seed and path for replay.
 */
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261127) });
