/**
 * The plugin contract: the input and output types of the six kinds, the `define…Policy` helpers and
 * the policy-set format. A plugin declares the contract version it was built for, `major.minor`;
 * a host registers it only when the host's contract has the same major and at least that minor, so a
 * plugin written against other input types fails when the deployment starts, never at a customer's
 * decision.
 *
 * History (what a plugin author must change when the major moves):
 * - 1.x — a screening policy saw one account (`ScreeningInput` without `exposure`). Plugins of that
 *   era declare no contract.
 * - 2.0 — `ScreeningInput.exposure`: the customer with all their accounts (outstanding, overdue,
 *   limits); `weighted-risk@2` scores the customer's total overdue.
 * - 2.1 — added, nothing changed: planning agents are people with `seniority` and `territory`,
 *   candidates carry `regionId`, a host-measured `travel` table and a mid-day `replan` may come in, a
 *   proposal may answer `idleAgents`, `workload` and per-route `reasons`; a preparation plugin may
 *   set a case's `requirements`. A 2.0 plugin still runs; one that re-plans declares 2.1.
 */
export const PLUGIN_CONTRACT_VERSION = '2.1';

/**
 * The versions this core hosts, as literal types, so a plugin declaring another one fails to compile
 * against it (and, for plain JavaScript or a cast, `createRegistry` refuses it at start-up).
 */
export type PluginContractVersion = '2.0' | '2.1';

const VERSION = /^(\d+)\.(\d+)$/;

/**
 * Why a host running contract `host` cannot register a plugin that declared `declared`, or null when
 * it can: same major, and the plugin's minor no newer than the host's (a newer minor may read input
 * fields this host does not fill).
 */
export const contractIncompatibility = (
  declared: unknown,
  host: string = PLUGIN_CONTRACT_VERSION,
): string | null => {
  const [, hostMajor = '', hostMinor = ''] = VERSION.exec(host) ?? [];
  if (declared === undefined || declared === null) {
    return `declares no plugin contract (plugins built before contract 2.0 do not); this Doorstep runs contract ${host}: add \`contract: '${host}'\` after checking the changes listed in docs/plugins.md#contract-versions`;
  }
  const parsed = typeof declared === 'string' ? VERSION.exec(declared) : null;
  if (parsed === null) {
    return `declares plugin contract ${JSON.stringify(declared)}, which is not "major.minor"; this Doorstep runs contract ${host}`;
  }
  const [, major, minor] = parsed;
  if (major !== hostMajor) {
    return `was built for plugin contract ${declared}; this Doorstep runs contract ${host} (major ${hostMajor}), whose input types differ: rebuild it against @doorstep/core with contract ${hostMajor}.x`;
  }
  if (Number(minor) > Number(hostMinor)) {
    return `was built for plugin contract ${declared}, newer than this Doorstep's ${host}: upgrade @doorstep/core or use an older release of the plugin`;
  }
  return null;
};
