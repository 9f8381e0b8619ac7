/**
 * The course's first chapters with real kubectl (1.33, 1.30, 1.27): the
 * nginx-deployment from apply to delete, through scale, self-healing,
 * rolling update, history, undo, expose, logs and exec.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  NGINX_DEPLOYMENT,
  advanceUntilDone,
  describeKubectl,
  parseTable,
  succeeded,
  validateFlags,
} from './harness.ts';
import type { KubeLab } from './harness.ts';
import { startKubeLab } from './harness.ts';

const WORKERS = ['k8s-node1', 'k8s-node2'];

for (const version of ['1.33', '1.30', '1.27'] as const) {
  describeKubectl(version, 'nginx-deployment from apply to delete', () => {
    let lab: KubeLab;
    const k = (...args: string[]) => lab.kubectl(version, args);
    const validate = validateFlags(version);
    const ok = succeeded;
    const pods = async () => parseTable(ok(await k('get', 'pods', '-o', 'wide')));

    beforeAll(async () => {
      lab = await startKubeLab();
    });
    afterAll(() => lab?.stop());

    it('applies the deployment and runs 3 pods on the workers', async () => {
      const file = lab.writeFile('nginx.yaml', NGINX_DEPLOYMENT);
      expect(ok(await k('apply', ...validate, '-f', file))).toBe('deployment.apps/nginx-deployment created\n');
      await lab.advance(30);
      const rows = await pods();
      expect(rows).toHaveLength(3);
      for (const row of rows) {
        expect(row.NAME).toMatch(/^nginx-deployment-[a-z0-9]{8,10}-[a-z0-9]{5}$/);
        expect(row.READY).toBe('1/1');
        expect(row.STATUS).toBe('Running');
        expect(WORKERS).toContain(row.NODE);
        expect(row.IP).toMatch(/^10\.244\.\d+\.\d+$/);
      }
      const deploy = parseTable(ok(await k('get', 'deploy')));
      expect(deploy).toEqual([
        expect.objectContaining({ NAME: 'nginx-deployment', READY: '3/3', 'UP-TO-DATE': '3', AVAILABLE: '3' }),
      ]);
    });

    it('describes the deployment and a pod with their events', async () => {
      const d = ok(await k('describe', 'deployment', 'nginx-deployment'));
      expect(d).toMatch(/^Name:\s+nginx-deployment$/m);
      expect(d).toMatch(/^Replicas:\s+3 desired \| 3 updated \| 3 total \| 3 available \| 0 unavailable$/m);
      expect(d).toMatch(/^StrategyType:\s+RollingUpdate$/m);
      expect(d).toMatch(
        /Normal\s+ScalingReplicaSet\s+.*deployment-controller\s+Scaled up replica set nginx-deployment-\w+ from 0 to 3/,
      );
      const pod = (await pods())[0]!.NAME!;
      const p = ok(await k('describe', 'pod', pod));
      expect(p).toMatch(/^Status:\s+Running$/m);
      expect(p).toMatch(/^Controlled By:\s+ReplicaSet\/nginx-deployment-\w+$/m);
      const reasons = [...p.slice(p.indexOf('Events:')).matchAll(/^\s+Normal\s+(\w+)\s/gm)].map((m) => m[1]);
      expect(reasons).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    });

    it('scales to 5 replicas', async () => {
      expect(ok(await k('scale', 'deployment/nginx-deployment', '--replicas=5'))).toBe(
        'deployment.apps/nginx-deployment scaled\n',
      );
      await lab.advance(30);
      const rows = await pods();
      expect(rows.filter((r) => r.STATUS === 'Running')).toHaveLength(5);
      expect(parseTable(ok(await k('get', 'deploy')))[0]).toMatchObject({ READY: '5/5' });
    });

    it('replaces a deleted pod (kubectl delete waits while the grace period runs in virtual time)', async () => {
      const victim = (await pods())[0]!.NAME!;
      const r = await advanceUntilDone(lab, k('delete', 'pod', victim), 5, 20);
      expect(ok(r)).toBe(`pod "${victim}" deleted\n`);
      await lab.advance(30);
      const rows = await pods();
      expect(rows.map((row) => row.NAME)).not.toContain(victim);
      expect(rows.filter((row) => row.STATUS === 'Running')).toHaveLength(5);
    });

    it('rolls out a new image, keeps history and undoes to the first ReplicaSet', async () => {
      const firstRs = ok(await k('get', 'rs', '-o', 'jsonpath={.items[0].metadata.name}'));
      expect(ok(await k('set', 'image', 'deployment/nginx-deployment', 'nginx=nginx:1.16.1'))).toBe(
        'deployment.apps/nginx-deployment image updated\n',
      );
      const status = await advanceUntilDone(
        lab,
        lab.kubectl(version, ['rollout', 'status', 'deployment/nginx-deployment', '--timeout=60s']),
      );
      expect(ok(status)).toMatch(/deployment "nginx-deployment" successfully rolled out\n$/);
      const images = ok(await k('get', 'pods', '-o', 'jsonpath={.items[*].spec.containers[0].image}')).split(' ');
      expect(images).toEqual(Array(5).fill('nginx:1.16.1'));

      const history = ok(await k('rollout', 'history', 'deployment/nginx-deployment'));
      expect(history).toMatch(
        /^deployment\.apps\/nginx-deployment \n?REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>\n/m,
      );

      expect(ok(await k('rollout', 'undo', 'deployment/nginx-deployment'))).toBe(
        'deployment.apps/nginx-deployment rolled back\n',
      );
      ok(
        await advanceUntilDone(
          lab,
          lab.kubectl(version, ['rollout', 'status', 'deployment/nginx-deployment', '--timeout=60s']),
        ),
      );
      const rs = parseTable(ok(await k('get', 'rs')));
      expect(rs).toHaveLength(2);
      expect(rs.find((r) => r.NAME === firstRs)).toMatchObject({ DESIRED: '5', READY: '5' });
      const revision = ok(
        await k(
          'get',
          'rs',
          firstRs,
          '-o',
          "jsonpath={.metadata.annotations['deployment\\.kubernetes\\.io/revision']}",
        ),
      );
      expect(revision).toBe('3');
    });

    it('exposes the deployment as a service with endpoints', async () => {
      expect(ok(await k('expose', 'deployment', 'nginx-deployment', '--port=80'))).toBe(
        'service/nginx-deployment exposed\n',
      );
      await lab.advance(5);
      const svc = parseTable(ok(await k('get', 'svc', 'nginx-deployment')))[0];
      expect(svc).toMatchObject({ TYPE: 'ClusterIP', 'PORT(S)': '80/TCP' });
      // kubeadm's default service CIDR is 10.96.0.0/12: 10.96.0.0 to 10.111.255.255.
      expect(svc!['CLUSTER-IP']).toMatch(/^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/);
      const ips = ok(
        await k('get', 'endpoints', 'nginx-deployment', '-o', 'jsonpath={.subsets[*].addresses[*].ip}'),
      ).split(' ');
      const podIps = ok(await k('get', 'pods', '-o', 'jsonpath={.items[*].status.podIP}')).split(' ');
      expect([...ips].sort()).toEqual([...podIps].sort());
      expect(ok(await k('describe', 'svc', 'nginx-deployment'))).toMatch(/^Endpoints:\s+10\.244\.\d+\.\d+:80,/m);
    });

    it('lists everything with get all and get events', async () => {
      const all = ok(await k('get', 'all'));
      expect(all).toMatch(/^pod\/nginx-deployment-/m);
      expect(all).toMatch(/^service\/kubernetes\s+ClusterIP\s+10\.96\.0\.1\s/m);
      expect(all).toMatch(/^service\/nginx-deployment\s/m);
      expect(all).toMatch(/^deployment\.apps\/nginx-deployment\s+5\/5\s+5\s+5\s/m);
      expect(all).toMatch(/^replicaset\.apps\/nginx-deployment-/m);
      const events = ok(await k('get', 'events'));
      expect(events.split('\n')[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
      expect(events).toMatch(/Normal\s+ScalingReplicaSet\s+deployment\/nginx-deployment\s/);
      expect(events).toMatch(/Normal\s+Scheduled\s+pod\/nginx-deployment-\S+\s+Successfully assigned default\//);
      expect(events).toMatch(/Normal\s+Killing\s+pod\/nginx-deployment-\S+\s+Stopping container nginx/);
    });

    it('shows logs of a pod and of the deployment', async () => {
      const pod = (await pods())[0]!.NAME!;
      expect(ok(await k('logs', pod))).toMatch(/Configuration complete; ready for start up/);
      const byDeploy = await k('logs', 'deploy/nginx-deployment');
      expect(byDeploy.code).toBe(0);
      expect(byDeploy.stderr).toMatch(/^Found 5 pods, using pod\/nginx-deployment-\S+\n$/);
      expect(byDeploy.stdout).toMatch(/start worker process/);
      expect(
        ok(await k('logs', pod, '--tail=1'))
          .split('\n')
          .filter(Boolean),
      ).toHaveLength(1);
    });

    if (version === '1.27') {
      // kubectl ≤ 1.29 speaks SPDY/3.1 for exec; the lab only serves the WebSocket v5 protocol.
      it.skip('exec over SPDY (not implemented: SPDY/3.1 remotecommand)', () => {});
    } else {
      it('execs into a pod over WebSocket', async () => {
        const pod = (await pods())[0]!.NAME!;
        expect(ok(await k('exec', pod, '--', 'cat', '/usr/share/nginx/html/index.html'))).toMatch(
          /<title>Welcome to nginx!<\/title>/,
        );
        const fail = await k('exec', pod, '--', 'cat', '/nosuch');
        expect(fail.code).toBe(1);
        expect(fail.stderr).toMatch(/cat: (can't open )?'?\/nosuch'?: No such file or directory/);
        expect(fail.stderr).toMatch(/command terminated with exit code 1/);
      });
    }

    it('deletes the deployment and its pods cascade away', async () => {
      expect(ok(await k('delete', 'deployment', 'nginx-deployment'))).toBe(
        'deployment.apps "nginx-deployment" deleted\n',
      );
      await lab.advance(60);
      const r = await k('get', 'pods');
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe('No resources found in default namespace.\n');
      expect((await k('get', 'rs')).stderr).toBe('No resources found in default namespace.\n');
    });
  });
}
