/** The name of the exported file; the recompute script below refers to it. */
export function trailFileName(organizationId: string): string {
  return `aman-trail-${organizationId}.jsonl`;
}

/**
 * Recomputes the chain from the exported file, independent of Aman (Node.js 18 or later). Mirrors
 * backend/src/audit-trail/canonical.ts and handles both canonical forms: form 2 entries with salts
 * (full readers) have each salted value replaced by its digest first; redacted form 2 entries
 * (aggregate readers) already carry the digests; form 1 entries given as hashes alone can only be
 * checked for their link to the previous entry.
 */
export function recomputeScript(organizationId: string): string {
  return `node -e '
const c = require("crypto"), f = require("fs");
const [file, chainId] = process.argv.slice(1);
const sha = (t) => c.createHash("sha256").update(t, "utf8").digest("hex");
const canon = (v) => v === null || typeof v !== "object" ? JSON.stringify(v ?? null)
  : Array.isArray(v) ? "[" + v.map(canon).join(",") + "]"
  : "{" + Object.keys(v).filter((k) => v[k] !== undefined).sort()
      .map((k) => JSON.stringify(k) + ":" + canon(v[k])).join(",") + "}";
const digest = (e) => {
  e.details = e.details ?? {};
  for (const [pointer, salt] of Object.entries(e.salts ?? {})) {
    const keys = pointer.split("/").slice(1).map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
    let o = e;
    for (const k of keys.slice(0, -1)) o = o?.[k];
    const last = keys[keys.length - 1];
    if (o) o[last] = "sha256:" + sha(salt + canon(o[last] ?? null));
  }
};
let prev = "0".repeat(64), count = 0, linkOnly = 0;
for (const line of f.readFileSync(file, "utf8").split("\\n").filter(Boolean)) {
  const e = JSON.parse(line);
  count++;
  if (e.prevHash !== prev) { console.log("broken at", e.seq); process.exit(1); }
  if (e.form === 1 && !("details" in e)) { linkOnly++; prev = e.hash; continue; }
  if (e.form === 2) digest(e);
  const hash = sha(canon([e.seq, chainId, e.at, e.actorId, e.action, e.targetType, e.targetId, e.details ?? {}, prev]));
  if (e.hash !== hash) { console.log("broken at", e.seq); process.exit(1); }
  prev = hash;
}
console.log("intact, head", prev, "(" + count + " entries, " + linkOnly + " before the cut-over checked by their link only)");
' ${trailFileName(organizationId)} ${organizationId}`;
}
