/** The documents people sign: the anti-harassment policy and the commitment declaration. */
export const POLICY_KINDS = ['policy', 'commitment'] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];
