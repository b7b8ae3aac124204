/**
 * The sizes an input file may blow up to, in one place. A file or a field past a limit is
 * refused at the door with an InputError that names the limit (the README's "Input
 * limits" table lists them), so a hostile or mistaken input costs seconds and a few
 * hundred MB at most, never the machine.
 *
 * NOTE: YAML is far costlier to parse than JSON (with the yaml package, about 110 MB of
 * memory and 1.6 s per MB of plain YAML lists, and up to 550 MB and 8 s per MB of
 * punctuation noise, against a few MB and ms for JSON.parse), hence the two byte limits;
 * a large cluster dump should come as JSON (`kubectl get -o json`).
 */
export const INPUT_LIMITS = {
  /** Bytes of a YAML file (scenario, policy, cluster objects). */
  yamlBytes: 512 * 1024,
  /** Bytes of a JSON file (cluster dumps, conformance vectors, report.json). */
  jsonBytes: 128 * 1024 * 1024,
  /**
   * Bytes of a scenario or policy file written as JSON (as YAML: yamlBytes). Lower than
   * jsonBytes: a scenario is read whole into zod, and only cluster dumps need to be big.
   */
  scenarioJsonBytes: 16 * 1024 * 1024,
  /** Bytes of a CSV file (traces, empirical distributions, report tables). */
  csvBytes: 64 * 1024 * 1024,
  /** YAML documents (`---`) in one file. */
  yamlDocuments: 10_000,
  /** YAML aliases (`*name`) one document may expand; stops "billion laughs" files. */
  yamlAliases: 10_000,
  /** Nesting depth of lists and objects in a JSON or YAML file. */
  nestingDepth: 64,
  /** Characters of one error line; longer messages are cut with an ellipsis. */
  errorChars: 400,
  /** Characters of a user's value quoted back in an error. */
  excerptChars: 60,
  /** Nodes of a generated cluster (sum of the pools' `count`). */
  scenarioNodes: 100_000,
  /** Pods a scenario's workloads create (sum of `replicas` and `completions`). */
  scenarioPods: 2_000_000,
  /** Labels, taints and images over all nodes of a generated cluster (count x entries per pool). */
  scenarioNodeItems: 5_000_000,
  /** Seeds of one run: a scenario's `seeds` (list or ranges) and `--seeds` alike. */
  seeds: 10_000,
  /** Cluster samples per run (durationS / sampleEveryS). */
  samplesPerRun: 100_000,
  /** Values of an empirical distribution read from a CSV column (`empirical-csv`). */
  empiricalValues: 2_000_000,
  /** Simulated seconds of a scenario (365 days); also bounds every duration a distribution can draw. */
  durationS: 31_536_000,
  /** JSON and YAML files under the folders one command or scenario reads as a cluster (`kubectl cluster-info dump` writes a few per namespace). */
  clusterFiles: 10_000,
  /** User plugin files one run loads (a scenario's `plugins` and `--plugin`). */
  pluginFiles: 64,
  /** The openb inflation factor (`openb.inflate` in a scenario, `schedbench openb --inflate`): tasks drawn until GPU demand is this multiple of capacity. */
  openbInflate: 10,
} as const;

/** Bytes as a person reads them: "2 MiB", "512 KiB", "17 bytes". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
