export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __amanDb?: { stop(): Promise<void> } }).__amanDb?.stop();
}
