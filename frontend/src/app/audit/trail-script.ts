/** The name of the exported file; the recompute script below refers to it. */
export function trailFileName(organizationId: string): string {
  return `aman-trail-${organizationId}.jsonl`;
}

/**
 * Recomputes the chain from the exported file, independent of Aman (Node.js 18 or later). Mirrors
 * backend/src/audit-trail/canonical.ts.
 */
export function recomputeScript(organizationId: string): string {
  return `node -e '
const c = require("crypto"), f = require("fs");
const [file, chainId] = process.argv.slice(1);
const canon = (v) => v === null || typeof v !== "object" ? JSON.stringify(v ?? null)
  : Array.isArray(v) ? "[" + v.map(canon).join(",") + "]"
  : "{" + Object.keys(v).filter((k) => v[k] !== undefined).sort()
      .map((k) => JSON.stringify(k) + ":" + canon(v[k])).join(",") + "}";
let prev = "0".repeat(64);
for (const line of f.readFileSync(file, "utf8").split("\\n").filter(Boolean)) {
  const e = JSON.parse(line);
  const hash = c.createHash("sha256").update(canon([e.seq, chainId, e.at, e.actorId,
    e.action, e.targetType, e.targetId, e.details ?? {}, prev])).digest("hex");
  if (e.prevHash !== prev || e.hash !== hash) { console.log("broken at", e.seq); process.exit(1); }
  prev = hash;
}
console.log("intact, head", prev);
' ${trailFileName(organizationId)} ${organizationId}`;
}
