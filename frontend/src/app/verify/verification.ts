/** `GET /api/verify/:serial`: what anyone may learn about a certificate. */
export interface Verification {
  serial: string;
  /** False when expired or revoked. */
  valid: boolean;
  /** Masked, e.g. "S*** W***". */
  holder: string;
  module: string;
  organization: string;
  issuedAt: string;
  expiresAt: string;
  revoked: boolean;
  expired: boolean;
}
