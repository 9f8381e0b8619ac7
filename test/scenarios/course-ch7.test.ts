/**
 * The book's chapter 7 (《每天5分钟玩转Kubernetes》, Rolling Update), replayed with the
 * embedded kubectl on the virtual clock: httpd 2.2.31 → 2.2.32 (7.1) one pod at
 * a time, then httpd.v1/v2/v3.yml (7.2), `rollout history` and
 * `rollout undo --to-revision=1`. Where Kubernetes changed since the book (v1.7),
 * the test asserts today's behaviour and says so.
 */
import { describe, expect, it } from 'vitest';
import { lab } from '../../core/kubectl/testkit.ts';
import type { Lab } from '../../core/kubectl/testkit.ts';
import { table } from '../harness/lab.ts';

/** The book's httpd.yml (apps/v1 instead of apps/v1beta1, so with a selector). */
function httpd(image: string, changeCause?: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: httpd
${changeCause ? `  annotations:\n    kubernetes.io/change-cause: "${changeCause}"\n` : ''}spec:
  replicas: 3
  selector:
    matchLabels:
      run: httpd
  template:
    metadata:
      labels:
        run: httpd
    spec:
      containers:
      - name: httpd
        image: ${image}
`;
}

function scalingEvents(l: Lab): string[] {
  return l
    .k('describe deployment httpd')
    .stdout.split('\n')
    .filter((line) => line.includes('ScalingReplicaSet'))
    .map((line) => line.replace(/^.*deployment-controller\s+/, '').trim());
}

describe('course ch.7.1: rolling update httpd 2.2.31 → 2.2.32', () => {
  it('replaces one pod at a time (maxSurge 1, maxUnavailable 0 of 3) and keeps the old ReplicaSet at 0', () => {
    const l = lab();
    l.files['httpd.yml'] = httpd('httpd:2.2.31');
    expect(l.k('apply -f httpd.yml').stdout).toBe('deployment.apps/httpd created\n');
    l.advance(30);
    expect(table(l, 'get deployment httpd -o wide')).toEqual([
      expect.objectContaining({ READY: '3/3', 'UP-TO-DATE': '3', AVAILABLE: '3', IMAGES: 'httpd:2.2.31' }),
    ]);
    const [old] = table(l, 'get replicaset -o wide');
    expect(old).toMatchObject({ DESIRED: '3', CURRENT: '3', READY: '3', IMAGES: 'httpd:2.2.31' });

    l.files['httpd.yml'] = httpd('httpd:2.2.32');
    expect(l.k('apply -f httpd.yml').stdout).toBe('deployment.apps/httpd configured\n');
    // 25 % of 3: maxSurge rounds up to 1, maxUnavailable down to 0 — never more than 4 pods, never fewer than 3 ready.
    for (let s = 0; s < 40; s++) {
      const pods = table(l, 'get pod').filter((p) => p.STATUS !== 'Terminating');
      expect(pods.length).toBeLessThanOrEqual(4);
      expect(pods.filter((p) => p.READY === '1/1').length).toBeGreaterThanOrEqual(3);
      l.advance(1);
    }
    const rss = table(l, 'get replicaset -o wide');
    expect(rss).toHaveLength(2);
    const fresh = rss.find((r) => r.NAME !== old?.NAME);
    expect(fresh).toMatchObject({ DESIRED: '3', CURRENT: '3', READY: '3', IMAGES: 'httpd:2.2.32' });
    expect(rss.find((r) => r.NAME === old?.NAME)).toMatchObject({ DESIRED: '0', CURRENT: '0', READY: '0' });

    // The book's sequence; today's messages say "from X to Y" (v1.7: "to Y").
    const n = fresh?.NAME ?? '';
    const o = old?.NAME ?? '';
    expect(scalingEvents(l)).toEqual([
      `Scaled up replica set ${o} from 0 to 3`,
      `Scaled up replica set ${n} from 0 to 1`,
      `Scaled down replica set ${o} from 3 to 2`,
      `Scaled up replica set ${n} from 1 to 2`,
      `Scaled down replica set ${o} from 2 to 1`,
      `Scaled up replica set ${n} from 2 to 3`,
      `Scaled down replica set ${o} from 1 to 0`,
    ]);
  });
});

describe('course ch.7.2: rollout history and rollback', () => {
  function threeVersions(): Lab {
    const l = lab();
    // `--record` is deprecated; the change-cause annotation it wrote is set in the manifests instead.
    const files = [
      ['httpd.v1.yml', 'httpd:2.4.16'],
      ['httpd.v2.yml', 'httpd:2.4.17'],
      ['httpd.v3.yml', 'httpd:2.4.18'],
    ] as const;
    for (const [file, image] of files) {
      l.files[file] = httpd(image, `kubectl apply --filename=${file} --record=true`);
      expect(l.k(`apply -f ${file}`).exitCode).toBe(0);
      l.advance(40);
    }
    return l;
  }

  it('rollout history lists revisions 1–3 with their CHANGE-CAUSE', () => {
    const l = threeVersions();
    expect(table(l, 'get deployment httpd -o wide')[0]).toMatchObject({ READY: '3/3', IMAGES: 'httpd:2.4.18' });
    expect(l.k('rollout history deployment httpd').stdout).toBe(
      [
        'deployment.apps/httpd ',
        'REVISION  CHANGE-CAUSE',
        '1         kubectl apply --filename=httpd.v1.yml --record=true',
        '2         kubectl apply --filename=httpd.v2.yml --record=true',
        '3         kubectl apply --filename=httpd.v3.yml --record=true',
        '',
        '',
      ].join('\n'),
    );
  });

  it('rollout undo --to-revision=1 goes back to httpd:2.4.16 and renumbers it revision 4', () => {
    const l = threeVersions();
    expect(l.k('rollout undo deployment httpd --to-revision=1').stdout).toBe('deployment.apps/httpd rolled back\n');
    l.advance(40);
    expect(table(l, 'get deployment httpd -o wide')[0]).toMatchObject({
      READY: '3/3',
      'UP-TO-DATE': '3',
      IMAGES: 'httpd:2.4.16',
    });
    const history = l.k('rollout history deployment httpd').stdout.split('\n');
    expect(history.slice(2, 5).map((line) => line.split(/\s+/)[0])).toEqual(['2', '3', '4']);
    expect(history[4]).toContain('httpd.v1.yml');
  });

  it('kubectl apply --record still works, deprecated, and records the command line as the change-cause', () => {
    // kubectl v1.33 keeps the flag: it warns "Flag --record has been deprecated, --record will be removed in the future"
    // and writes kubernetes.io/change-cause = the command line.
    const l = lab();
    l.files['httpd.v1.yml'] = httpd('httpd:2.4.16');
    const r = l.k('apply -f httpd.v1.yml --record');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain('Flag --record has been deprecated');
    l.advance(30);
    expect(l.k('rollout history deployment httpd').stdout).toContain(
      '1         kubectl apply --filename=httpd.v1.yml --record=true',
    );
  });
});
