/**
 * The book's chapter 5.1 (《每天5分钟玩转Kubernetes》, Deployment), replayed with the
 * embedded kubectl on the virtual clock: the book's nginx.yml, the names and
 * owners it shows, scaling 2 → 5 → 3, failover when k8s-node2 goes down, and
 * nodeSelector with `disktype=ssd`. Where Kubernetes changed since the book
 * (v1.7), the test asserts today's behaviour and says so.
 */
import { describe, expect, it } from 'vitest';
import { lab } from '../../core/kubectl/testkit.ts';
import type { Lab } from '../../core/kubectl/testkit.ts';
import { table } from '../harness/lab.ts';
import type { Row } from '../harness/lab.ts';

const byName = (rows: Row[]): Record<string, Row> => Object.fromEntries(rows.map((r) => [r.NAME ?? '', r]));
const perNode = (rows: Row[]) => {
  const out: Record<string, number> = {};
  for (const r of rows) out[r.NODE ?? ''] = (out[r.NODE ?? ''] ?? 0) + 1;
  return out;
};

/** The book's nginx.yml, in apps/v1 (the book: extensions/v1beta1, which had no required selector). */
function nginxYml(replicas: number, nodeSelector = false): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: web_server
  template:
    metadata:
      labels:
        app: web_server
    spec:
      containers:
      - name: nginx
        image: nginx:1.7.9
${nodeSelector ? '      nodeSelector:\n        disktype: ssd\n' : ''}`;
}

function withNginx(replicas: number, seconds = 30, seed = 1): Lab {
  const l = lab(seed);
  l.files['nginx.yml'] = nginxYml(replicas);
  expect(l.k('apply -f nginx.yml').stdout).toBe('deployment.apps/nginx-deployment created\n');
  l.advance(seconds);
  return l;
}

const POD_NAME = /^nginx-deployment-[a-z0-9]{6,10}-[a-z0-9]{5}$/;
const RS_NAME = /^nginx-deployment-[a-z0-9]{6,10}$/;

describe('course ch.5.1.1: Deployment → ReplicaSet → Pod', () => {
  it('kubectl run no longer makes a Deployment (v1.18+): --replicas is gone, a bare Pod is made', () => {
    const l = lab();
    const r = l.k('run nginx-deployment --image=nginx:1.7.9 --replicas=2');
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toContain('unknown flag: --replicas');
    expect(l.k('run nginx-deployment --image=nginx:1.7.9').stdout).toBe('pod/nginx-deployment created\n');
    expect(l.k('get deployment').stderr).toBe('No resources found in default namespace.\n');
    expect(table(l, 'get pod')).toEqual([expect.objectContaining({ NAME: 'nginx-deployment' })]);
  });

  it('apply nginx.yml: 2 pods, names child = parent + hash (+ random), owners in describe', () => {
    const l = withNginx(2);
    // Today's columns; the book (v1.7) showed DESIRED CURRENT UP-TO-DATE AVAILABLE.
    expect(table(l, 'get deployment nginx-deployment')).toEqual([
      expect.objectContaining({ NAME: 'nginx-deployment', READY: '2/2', 'UP-TO-DATE': '2', AVAILABLE: '2' }),
    ]);
    const [rs] = table(l, 'get replicaset');
    expect(rs).toMatchObject({ DESIRED: '2', CURRENT: '2', READY: '2' });
    expect(rs?.NAME).toMatch(RS_NAME);
    const pods = table(l, 'get pod -o wide');
    expect(pods).toHaveLength(2);
    for (const p of pods) {
      expect(p.NAME).toMatch(POD_NAME);
      expect(p.NAME?.startsWith(`${rs?.NAME}-`)).toBe(true);
      expect(p).toMatchObject({ READY: '1/1', STATUS: 'Running', RESTARTS: '0' });
      expect(['k8s-node1', 'k8s-node2']).toContain(p.NODE);
    }
    const hash = rs?.NAME?.slice('nginx-deployment-'.length);
    expect(l.k('get pod --show-labels').stdout).toContain(`app=web_server,pod-template-hash=${hash}`);

    const dd = l.k('describe deployment nginx-deployment').stdout;
    expect(dd).toMatch(/NewReplicaSet:\s+nginx-deployment-\S+ \(2\/2 replicas created\)/);
    expect(dd).toContain(`Normal  ScalingReplicaSet  `);
    expect(dd).toContain(`Scaled up replica set ${rs?.NAME} from 0 to 2`);
    const drs = l.k(`describe replicaset ${rs?.NAME}`).stdout;
    expect(drs).toMatch(/Controlled By:\s+Deployment\/nginx-deployment/);
    for (const p of pods) expect(drs).toContain(`Created pod: ${p.NAME}`);
    const dp = l.k(`describe pod ${pods[0]?.NAME}`).stdout;
    expect(dp).toMatch(new RegExp(`Controlled By:\\s+ReplicaSet/${rs?.NAME}`));
    expect(dp).toContain('Successfully assigned default/');
    expect(dp).toContain('Pulling image "nginx:1.7.9"');
  });

  it('kubectl delete deployment cascades to the ReplicaSet and the pods', () => {
    const l = withNginx(2);
    expect(l.k('delete deployment nginx-deployment').stdout).toBe('deployment.apps "nginx-deployment" deleted\n');
    l.advance(40);
    expect(l.k('get deployment,replicaset,pod').stdout).toBe('');
    expect(l.k('get deployment,replicaset,pod').stderr).toBe('No resources found in default namespace.\n');
  });
});

describe('course ch.5.1.2–5.1.3: scaling and failover', () => {
  it.each([1, 2, 3, 4])(
    'scale 2 → 5 → 3 (seed %i): pods on both workers, none on k8s-master; scale-down takes the crowded node’s pods',
    (seed) => {
      const l = withNginx(2, 30, seed);
      const before = new Set(table(l, 'get pod').map((r) => r.NAME));
      l.files['nginx.yml'] = nginxYml(5);
      expect(l.k('apply -f nginx.yml').stdout).toBe('deployment.apps/nginx-deployment configured\n');
      l.advance(30);
      const five = table(l, 'get pod -o wide');
      expect(five).toHaveLength(5);
      expect(five.filter((r) => !before.has(r.NAME))).toHaveLength(3);
      expect(five.every((r) => r.STATUS === 'Running' && r.READY === '1/1')).toBe(true);
      const counts = perNode(five);
      expect(counts['k8s-master']).toBeUndefined();
      expect(Object.keys(counts).sort()).toEqual(['k8s-node1', 'k8s-node2']);

      l.files['nginx.yml'] = nginxYml(3);
      l.k('apply -f nginx.yml');
      l.advance(40);
      const three = table(l, 'get pod -o wide');
      expect(three).toHaveLength(3);
      const gone = five.filter((r) => !three.some((x) => x.NAME === r.NAME));
      // Upstream ranks pods for deletion (controller.ActivePodsWithRanks): with all pods Running and Ready,
      // pods sharing a node with more pods of the ReplicaSet go first. 5 pods as 3 + 2 → both from the node with 3.
      const crowded = Object.entries(counts).sort(([, a], [, b]) => b - a)[0]![0];
      expect(gone.map((r) => r.NODE)).toEqual([crowded, crowded]);
    },
  );

  it('k8s-node2 goes down: NotReady after 50 s, pods Terminating after 300 s, replacements on k8s-node1, none move back', () => {
    const l = withNginx(3);
    const pods0 = table(l, 'get pod -o wide');
    const onNode2 = pods0.filter((r) => r.NODE === 'k8s-node2').map((r) => r.NAME);
    expect(onNode2.length).toBeGreaterThan(0);
    l.cluster.failNode('k8s-node2');

    // node-monitor-grace-period is 50 s today (40 s in the book's v1.7).
    l.advance(45);
    expect(byName(table(l, 'get node'))['k8s-node2']?.STATUS).toBe('Ready');
    l.advance(10);
    expect(byName(table(l, 'get node'))['k8s-node2']?.STATUS).toBe('NotReady');
    expect(l.k('get events --field-selector involvedObject.name=k8s-node2').stdout).toContain(
      'Node k8s-node2 status is now: NodeNotReady',
    );
    // The pods stay listed as Running: nobody reports their end.
    for (const n of onNode2) expect(byName(table(l, 'get pod -o wide'))[n!]?.STATUS).toBe('Running');

    // The book's pods turned Unknown and were replaced at once; today each pod tolerates
    // node.kubernetes.io/unreachable:NoExecute for 300 s, then is evicted: Terminating.
    l.advance(280);
    expect(table(l, 'get pod')).toHaveLength(3);
    l.advance(30);
    const after = byName(table(l, 'get pod -o wide'));
    for (const n of onNode2) expect(after[n!]?.STATUS).toBe('Terminating');
    const running = Object.values(after).filter((r) => r.STATUS === 'Running');
    expect(running).toHaveLength(3);
    expect(running.filter((r) => !pods0.some((p) => p.NAME === r.NAME)).every((r) => r.NODE === 'k8s-node1')).toBe(
      true,
    );
    const ev = l.k('get events').stdout;
    for (const n of onNode2) expect(ev).toContain(`Marking for deletion Pod default/${n}`);

    l.cluster.recoverNode('k8s-node2');
    l.advance(30);
    expect(byName(table(l, 'get node'))['k8s-node2']?.STATUS).toBe('Ready');
    const healed = table(l, 'get pod -o wide');
    expect(healed).toHaveLength(3);
    expect(healed.every((r) => r.STATUS === 'Running' && r.NODE === 'k8s-node1')).toBe(true);
  });
});

describe('course ch.5.1.4: labels and nodeSelector', () => {
  it('label k8s-node1 disktype=ssd, nodeSelector pins the 6 pods there; removing the label moves nothing', () => {
    const l = withNginx(6);
    expect(new Set(table(l, 'get pod -o wide').map((r) => r.NODE))).toEqual(new Set(['k8s-node1', 'k8s-node2']));
    expect(l.k('label node k8s-node1 disktype=ssd').stdout).toBe('node/k8s-node1 labeled\n');
    expect(byName(table(l, 'get node --show-labels'))['k8s-node1']?.LABELS).toContain('disktype=ssd');

    l.files['nginx.yml'] = nginxYml(6, true);
    l.k('apply -f nginx.yml');
    l.advance(60);
    const pinned = table(l, 'get pod -o wide');
    expect(pinned).toHaveLength(6);
    expect(pinned.every((r) => r.NODE === 'k8s-node1' && r.STATUS === 'Running')).toBe(true);

    expect(l.k('label node k8s-node1 disktype-').stdout).toBe('node/k8s-node1 unlabeled\n');
    expect(byName(table(l, 'get node --show-labels'))['k8s-node1']?.LABELS).not.toContain('disktype');
    l.advance(60);
    expect(table(l, 'get pod -o wide')).toEqual(pinned.map((r) => ({ ...r, AGE: expect.any(String) })));
  });
});
