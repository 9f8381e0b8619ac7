/**
 * Golden test against real kubectl: each fixture is a protobuf body captured
 * from kubectl 1.33 (1.32 for autoscaling/v1) and the JSON the same command
 * produces (`--dry-run=client -o json`, or the JSON request body of kubectl
 * 1.31 where dry-run does not exist). Key order is compared too.
 */
import { describe, expect, it } from 'vitest';
import captures from './fixtures/kubectl-captures.json' with { type: 'json' };
import { decodeKubeProtobuf } from './index.ts';

function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

describe('decodeKubeProtobuf on captured kubectl bodies', () => {
  it.each(captures.map((c) => [c.name, c] as const))('%s', (_name, capture) => {
    const result = decodeKubeProtobuf(fromHex(capture.protobuf));
    if (!result.ok) throw new Error(result.status.message);
    expect(result.value).toEqual(capture.expected);
    expect(JSON.stringify(result.value)).toBe(JSON.stringify(capture.expected));
  });
});
