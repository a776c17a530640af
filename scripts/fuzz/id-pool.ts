/**
 * Ids and versions the fuzz has seen in answers, so that generated requests reach real objects (and
 * their handlers' deeper paths) instead of stopping at 404.
 */

const PREFIXED = /^([a-z]+)_[A-Za-z0-9_]+$/;

export class IdPool {
  /** Values seen under a field name: `caseId` → case ids, `agentIds` items → `agentId`. */
  private readonly byField = new Map<string, Set<string>>();
  /** Object ids by prefix: `case` → case ids. */
  private readonly byPrefix = new Map<string, Set<string>>();
  /** The prefix a field's values carry (`caseId` → `case`), learnt from what was seen. */
  private readonly prefixOfField = new Map<string, string>();
  /** The last version seen of an object, by id (for `If-Match`). */
  private readonly versions = new Map<string, number>();

  constructor(
    private readonly random: () => number,
    /** Ids never handed out (the fuzz's own API keys: revoking them would blind a role). */
    private readonly excluded: Set<string> = new Set(),
  ) {}

  exclude(id: string) {
    this.excluded.add(id);
  }

  private add(map: Map<string, Set<string>>, key: string, value: string) {
    if (this.excluded.has(value)) return;
    const values = map.get(key) ?? new Set<string>();
    map.set(key, values);
    // Bounded, so a long run does not grow without end.
    if (values.size < 500) values.add(value);
  }

  /** Records every id in a JSON answer. */
  harvest(value: unknown, field?: string): void {
    if (Array.isArray(value)) {
      const single = field?.endsWith('Ids') ? field.slice(0, -1) : field;
      for (const item of value) this.harvest(item, single);
      return;
    }
    if (typeof value === 'string') {
      const prefix = PREFIXED.exec(value)?.[1];
      if (field && field !== 'id' && /Id$/.test(field)) {
        this.add(this.byField, field, value);
        if (prefix) this.prefixOfField.set(field, prefix);
      }
      return;
    }
    if (!value || typeof value !== 'object') return;
    const object = value as Record<string, unknown>;
    const id = object.id;
    if (typeof id === 'string') {
      const prefix = PREFIXED.exec(id)?.[1];
      if (prefix) this.add(this.byPrefix, prefix, id);
      if (typeof object.version === 'number') this.versions.set(id, object.version);
    }
    for (const [key, child] of Object.entries(object)) this.harvest(child, key);
  }

  /**
   * A known value for a field or parameter named `name` (`caseId`, `visitId`…), if any was seen;
   * `prefix` (from the parameter's documented example, `vis_…`) finds objects seen only by their `id`.
   */
  pick(name: string, prefix?: string): string | undefined {
    const prefixes = new Set([this.prefixOfField.get(name), prefix].filter((p): p is string => Boolean(p)));
    const candidates = [
      ...(this.byField.get(name) ?? []),
      ...[...prefixes].flatMap((p) => [...(this.byPrefix.get(p) ?? [])]),
    ];
    if (candidates.length === 0) return undefined;
    return candidates[Math.floor(this.random() * candidates.length)];
  }

  /** The ETag of the last version seen of an object. */
  etagOf(id: string): string | undefined {
    const version = this.versions.get(id);
    return version === undefined ? undefined : `"${version}"`;
  }

  remember(id: string, etag: string | null) {
    const version = etag ? /^"(\d+)"$/.exec(etag)?.[1] : undefined;
    if (version) this.versions.set(id, Number(version));
  }
}
