/**
 * Service-account tokens as the lab issues them: real JWT structure and
 * claims (so `kubectl create token` output decodes as expected), with a
 * placeholder signature — nothing verifies them inside the simulation.
 */
import { encodeBase64Text } from '../util/base64.ts';

const ISSUER = 'https://kubernetes.default.svc.cluster.local';

const b64url = (s: string) => encodeBase64Text(s).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

export function serviceAccountJwt(
  namespace: string,
  serviceAccount: string,
  nowMs: number,
  seconds: number,
): { token: string; expiresMs: number } {
  const iat = Math.floor(nowMs / 1000);
  const claims = {
    aud: [ISSUER],
    exp: iat + seconds,
    iat,
    iss: ISSUER,
    sub: `system:serviceaccount:${namespace}:${serviceAccount}`,
  };
  const token = `${b64url(JSON.stringify({ alg: 'RS256', kid: 'kubelab' }))}.${b64url(JSON.stringify(claims))}.${b64url('kubelab-simulated-signature')}`;
  return { token, expiresMs: (iat + seconds) * 1000 };
}

export const TOKEN_AUDIENCE = ISSUER;
