/**
 * Services, DNS and traffic from pods: the course's httpd Service reached with
 * busybox's wget, nslookup and nc through `kubectl exec` (core/cluster/exec.ts),
 * NodePort from a pod and from outside, headless and StatefulSet records,
 * ExternalName, sessionAffinity, refusals and NetworkPolicy time-outs.
 */
import { describe, expect, it } from 'vitest';
import { exec } from '../../core/cluster/exec.ts';
import { lab } from '../../core/kubectl/testkit.ts';
import { OUTSIDE_PEER } from '../../core/network/network.ts';
import { TestCluster } from '../harness/testCluster.ts';

const HTTPD = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: httpd
spec:
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
          image: httpd
          args:
            - /bin/sh
            - -c
            - echo "<html><body><h1>It works! ($HOSTNAME)</h1></body></html>" > /usr/local/apache2/htdocs/index.html; exec httpd-foreground
          ports:
            - containerPort: 80
          readinessProbe:
            httpGet:
              path: /
              port: 80
            periodSeconds: 5
`;

const HTTPD_SVC = (type = 'ClusterIP', extra = '') => `apiVersion: v1
kind: Service
metadata:
  name: httpd-svc
spec:
  type: ${type}
  selector:
    run: httpd
  ports:
    - protocol: TCP
      port: 8080
      targetPort: 80${type === 'NodePort' ? '\n      nodePort: 30000' : ''}
${extra}`;

const CLIENT = (name = 'client', namespace = 'default', image = 'busybox') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${namespace}
  labels:
    app: ${name}
spec:
  containers:
    - name: c
      image: ${image}
      command: [sleep, '3600']
`;

interface Run {
  out: string;
  err: string;
  code: number | undefined;
}

/** `kubectl exec POD -- command…`, with the clock advanced until it exits (or `limitS` passes). */
function sh(t: TestCluster, pod: string, command: string | string[], limitS = 5, namespace = 'default'): Run {
  const r: Run = { out: '', err: '', code: undefined };
  const argv = typeof command === 'string' ? ['sh', '-c', command] : command;
  const started = exec(
    t.cluster,
    { namespace, pod, command: argv },
    { stdout: (s) => (r.out += s), stderr: (s) => (r.err += s), exit: (c) => (r.code = c) },
  );
  if (!started.ok) throw new Error(started.status.message);
  for (let s = 0; s < limitS * 10 && r.code === undefined; s++) t.advance(0.1);
  return r;
}

function course(type = 'ClusterIP', extra = ''): TestCluster {
  const t = TestCluster.create().apply(HTTPD).apply(HTTPD_SVC(type, extra)).apply(CLIENT());
  t.advance(30);
  expect(t.readyPods().filter((p) => p.metadata.name?.startsWith('httpd'))).toHaveLength(3);
  return t;
}

const clusterIP = (t: TestCluster, name: string, ns = 'default') =>
  (t.get('svc', name, ns)?.spec as { clusterIP: string }).clusterIP;

describe('the httpd Service from a busybox pod', () => {
  it('answers wget through the ClusterIP and the name, spread over the three pods', () => {
    const t = course();
    const ip = clusterIP(t, 'httpd-svc');
    const byIP = sh(t, 'client', ['wget', '-qO-', `${ip}:8080`]);
    expect(byIP).toMatchObject({ code: 0, err: '' });
    expect(byIP.out).toMatch(/^<html><body><h1>It works! \(httpd-[a-z0-9]+-[a-z0-9]{5}\)<\/h1><\/body><\/html>\n$/);
    const loop = sh(t, 'client', 'for i in $(seq 1 30); do wget -qO- httpd-svc:8080; done', 10);
    expect(loop.code).toBe(0);
    const answered = new Set(loop.out.trim().split('\n'));
    const pods = t.pods().filter((p) => p.metadata.name?.startsWith('httpd'));
    expect([...answered].sort()).toEqual(
      pods.map((p) => `<html><body><h1>It works! (${p.metadata.name})</h1></body></html>`).sort(),
    );
  });

  it('prints busybox progress without -q, and the 404 of a missing page', () => {
    const t = course();
    const ip = clusterIP(t, 'httpd-svc');
    const r = sh(t, 'client', ['wget', '-O-', 'http://httpd-svc:8080/']);
    expect(r.err).toBe(`Connecting to httpd-svc:8080 (${ip}:8080)\n`);
    const missing = sh(t, 'client', ['wget', '-q', '-O-', 'httpd-svc:8080/nope.html']);
    expect(missing).toMatchObject({ code: 1, err: 'wget: server returned error: HTTP/1.1 404 Not Found\n' });
  });

  it('sends nothing to a pod that is not ready', () => {
    const t = course();
    const pods = t.pods().filter((p) => p.metadata.name?.startsWith('httpd'));
    const sick = pods[0]!.metadata.name!;
    sh(t, sick, 'rm /usr/local/apache2/htdocs/index.html');
    t.advance(20);
    expect(t.readyPods().map((p) => p.metadata.name)).not.toContain(sick);
    const loop = sh(t, 'client', 'for i in $(seq 1 30); do wget -qO- httpd-svc:8080; done', 10);
    expect(loop.out).not.toContain(sick);
    expect(new Set(loop.out.trim().split('\n')).size).toBe(2);
  });

  it('reaches the Service from another namespace as httpd-svc.default, not as httpd-svc', () => {
    const t = course().apply('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: other\n');
    t.apply(CLIENT('far', 'other')).advance(10);
    expect(sh(t, 'far', 'wget -qO- httpd-svc.default:8080', 5, 'other').out).toContain('It works!');
    expect(sh(t, 'far', 'wget -qO- httpd-svc:8080', 5, 'other')).toMatchObject({
      code: 1,
      err: "wget: bad address 'httpd-svc'\n",
    });
  });

  it('nslookup answers as busybox prints it, and NXDOMAIN for a name that does not exist', () => {
    const t = course();
    const ip = clusterIP(t, 'httpd-svc');
    expect(sh(t, 'client', 'nslookup httpd-svc').out).toBe(
      `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\thttpd-svc.default.svc.cluster.local\nAddress: ${ip}\n\n`,
    );
    const nope = sh(t, 'client', 'nslookup nope');
    expect(nope.code).toBe(1);
    expect(nope.out).toContain("** server can't find nope: NXDOMAIN");
  });
});

describe('NodePort and outside access', () => {
  it('answers on every node address at the nodePort, from a pod and from outside', () => {
    const t = course('NodePort');
    for (const node of ['192.168.56.10', '192.168.56.11', '192.168.56.12'])
      expect(sh(t, 'client', `wget -qO- ${node}:30000`).out).toContain('It works!');
    const outside = t.cluster.network.request(OUTSIDE_PEER, 'http://192.168.56.11:30000/');
    expect(outside).toMatchObject({ kind: 'response', status: 200 });
    expect(t.cluster.network.request(OUTSIDE_PEER, 'http://192.168.56.11:30001/')).toMatchObject({ kind: 'refused' });
  });
});

describe('refusals', () => {
  it('refuses a Service without ready endpoints (kube-proxy REJECT) and a port nobody listens on', () => {
    const t = course();
    t.apply(HTTPD_SVC().replace('name: httpd-svc', 'name: empty-svc').replace('run: httpd', 'run: nothing'));
    t.advance(2);
    const ip = clusterIP(t, 'empty-svc');
    expect(sh(t, 'client', 'wget -qO- empty-svc:8080')).toMatchObject({
      code: 1,
      err: `wget: can't connect to remote host (${ip}): Connection refused\n`,
    });
    const podIP = (t.pods().find((p) => p.metadata.name?.startsWith('httpd'))!.status as { podIP: string }).podIP;
    expect(sh(t, 'client', `wget -qO- ${podIP}:81`).err).toBe(
      `wget: can't connect to remote host (${podIP}): Connection refused\n`,
    );
    expect(sh(t, 'client', `wget -qO- ${podIP}:80`).out).toContain('It works!');
    expect(sh(t, 'client', `nc -z -v ${podIP} 81`)).toMatchObject({ code: 1 });
    expect(sh(t, 'client', `nc -z -v ${podIP} 80`)).toMatchObject({ code: 0, err: `${podIP} (${podIP}:80) open\n` });
  });

  it('pings pods but not ClusterIPs', () => {
    const t = course();
    const podIP = (t.pods().find((p) => p.metadata.name?.startsWith('httpd'))!.status as { podIP: string }).podIP;
    expect(sh(t, 'client', `ping -c 2 ${podIP}`)).toMatchObject({ code: 0 });
    const vip = sh(t, 'client', `ping -c 2 ${clusterIP(t, 'httpd-svc')}`);
    expect(vip.code).toBe(1);
    expect(vip.out).toContain('2 packets transmitted, 0 packets received, 100% packet loss');
  });
});

describe('DNS records', () => {
  it('headless Service: the ready pods; StatefulSet pods by hostname; SRV for named ports', () => {
    const t = TestCluster.create()
      .apply(
        `apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
  selector:
    app: nginx
  ports:
    - name: web
      port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
        - name: nginx
          image: nginx
          ports:
            - containerPort: 80
              name: web
`,
      )
      .apply(CLIENT());
    t.advance(60);
    const ipOf = (n: string) => (t.get('pod', n)?.status as { podIP: string }).podIP;
    const all = sh(t, 'client', 'nslookup nginx').out;
    expect(all).toContain(`Address: ${ipOf('web-0')}`);
    expect(all).toContain(`Address: ${ipOf('web-1')}`);
    expect(sh(t, 'client', 'nslookup web-0.nginx').out).toContain(
      `Name:\tweb-0.nginx.default.svc.cluster.local\nAddress: ${ipOf('web-0')}\n`,
    );
    expect(sh(t, 'client', 'wget -qO- web-1.nginx').out).toContain('Welcome to nginx!');
    const dns = t.cluster.network.dns;
    const srv = dns.query('_web._tcp.nginx.default.svc.cluster.local', 'SRV');
    expect(srv.records.map((r) => `${r.srv?.port} ${r.data}`).sort()).toEqual([
      '80 web-0.nginx.default.svc.cluster.local',
      '80 web-1.nginx.default.svc.cluster.local',
    ]);
  });

  it('ExternalName is a CNAME', () => {
    const t = TestCluster.create()
      .apply(
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: cern\nspec:\n  type: ExternalName\n  externalName: info.cern.ch\n',
      )
      .apply(CLIENT());
    t.advance(10);
    expect(sh(t, 'client', 'nslookup cern').out).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\ncern.default.svc.cluster.local\tcanonical name = info.cern.ch\nName:\tinfo.cern.ch\nAddress: 188.184.67.127\n\n',
    );
    expect(sh(t, 'client', 'wget -qO- http://cern/').out).toContain('home of the first website');
  });
});

describe('sessionAffinity ClientIP', () => {
  it('pins a client to one pod', () => {
    const t = course(
      'ClusterIP',
      '  sessionAffinity: ClientIP\n  sessionAffinityConfig:\n    clientIP:\n      timeoutSeconds: 60\n',
    );
    const loop = sh(t, 'client', 'for i in $(seq 1 20); do wget -qO- httpd-svc:8080; done', 10);
    expect(new Set(loop.out.trim().split('\n')).size).toBe(1);
  });
});

describe('NetworkPolicy', () => {
  it('a default-deny ingress policy makes wget time out after -T seconds', () => {
    const t = course();
    t.apply(
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny-ingress\nspec:\n  podSelector: {}\n  policyTypes:\n    - Ingress\n',
    );
    const start = t.cluster.clock.now();
    const r = sh(t, 'client', 'wget -q -T 3 -O- httpd-svc:8080', 10);
    expect(r).toMatchObject({ code: 1, err: 'wget: download timed out\n', out: '' });
    expect(t.cluster.clock.now() - start).toBeGreaterThanOrEqual(3000);
    const timeout = t.cluster.network.request(t.get('pod', 'client')!, 'http://httpd-svc:8080/');
    expect(timeout.kind).toBe('timeout');
  });
});

describe('curl, dig and which images carry them', () => {
  it('curl from curlimages/curl: body, status codes, headers, refusals', () => {
    const t = course();
    t.apply(CLIENT('curly', 'default', 'curlimages/curl')).advance(10);
    expect(sh(t, 'curly', 'curl -s httpd-svc:8080').out).toContain('It works!');
    expect(sh(t, 'curly', "curl -s -o /dev/null -w '%{http_code}' httpd-svc:8080/nope").out).toBe('404');
    const head = sh(t, 'curly', 'curl -sI http://httpd-svc:8080/');
    expect(head.out).toMatch(/^HTTP\/1\.1 200 OK\r\nServer: Apache\/2\.4\.62 \(Unix\)\r\n/);
    t.apply(HTTPD_SVC().replace('name: httpd-svc', 'name: empty-svc').replace('run: httpd', 'run: nothing'));
    t.advance(2);
    expect(sh(t, 'curly', 'curl -sS empty-svc:8080')).toMatchObject({
      code: 7,
      err: "curl: (7) Failed to connect to empty-svc port 8080 after 2 ms: Couldn't connect to server\n",
    });
    expect(sh(t, 'curly', 'curl nope')).toMatchObject({ code: 6, err: 'curl: (6) Could not resolve host: nope\n' });
  });

  it('an edited index.html on the destination pod is what curl gets', () => {
    const t = TestCluster.create()
      .apply(CLIENT('web', 'default', 'nginx'))
      .apply(CLIENT('curly', 'default', 'nicolaka/netshoot'));
    t.advance(10);
    // `sleep` as command: nginx does not run, nothing listens.
    const ip = (t.get('pod', 'web')!.status as { podIP: string }).podIP;
    expect(sh(t, 'curly', `curl -s ${ip}`).code).toBe(7);
    t.apply(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: site\nspec:\n  containers:\n    - name: nginx\n      image: nginx\n',
    ).advance(10);
    sh(t, 'site', 'echo hello from the lab > /usr/share/nginx/html/index.html');
    const siteIP = (t.get('pod', 'site')!.status as { podIP: string }).podIP;
    expect(sh(t, 'curly', `curl -s http://${siteIP}/`).out).toBe('hello from the lab\n');
    expect(sh(t, 'curly', `curl -s http://${siteIP}/missing`).out).toContain('<center>nginx/1.27.3</center>');
  });

  it('dig asks for the name as typed unless +search; +short prints only the data', () => {
    const t = course();
    t.apply(CLIENT('shoot', 'default', 'nicolaka/netshoot')).advance(10);
    const ip = clusterIP(t, 'httpd-svc');
    expect(sh(t, 'shoot', 'dig +short httpd-svc.default.svc.cluster.local').out).toBe(`${ip}\n`);
    expect(sh(t, 'shoot', 'dig +short httpd-svc').out).toBe('');
    expect(sh(t, 'shoot', 'dig +short +search httpd-svc').out).toBe(`${ip}\n`);
    const full = sh(t, 'shoot', 'dig httpd-svc.default.svc.cluster.local').out;
    expect(full).toContain(';; ->>HEADER<<- opcode: QUERY, status: NOERROR');
    expect(full).toContain(`httpd-svc.default.svc.cluster.local.\t\t30\tIN\tA\t${ip}`);
    expect(sh(t, 'shoot', 'dig +short -x ' + ip).out).toBe('httpd-svc.default.svc.cluster.local.\n');
  });

  it('images without a tool say so as the shell does', () => {
    const t = course();
    const httpd = t.pods().find((p) => p.metadata.name?.startsWith('httpd'))!.metadata.name!;
    expect(sh(t, httpd, 'curl -s httpd-svc:8080')).toMatchObject({ code: 127, err: 'sh: curl: not found\n' });
    expect(sh(t, 'client', 'curl -s httpd-svc:8080')).toMatchObject({ code: 127 });
  });
});

describe('NetworkPolicy and DNS', () => {
  it('a default-deny egress policy drops DNS too: nslookup times out, wget cannot resolve', () => {
    const t = course();
    t.apply(
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny-egress\nspec:\n  podSelector:\n    matchLabels:\n      app: client\n  policyTypes:\n    - Egress\n',
    );
    expect(sh(t, 'client', 'nslookup httpd-svc', 20)).toMatchObject({
      code: 1,
      out: ';; connection timed out; no servers could be reached\n\n',
    });
    expect(sh(t, 'client', 'wget -qO- -T 2 httpd-svc:8080', 20)).toMatchObject({
      code: 1,
      err: "wget: bad address 'httpd-svc'\n",
    });
    const ip = clusterIP(t, 'httpd-svc');
    expect(sh(t, 'client', `wget -qO- -T 2 ${ip}:8080`, 20)).toMatchObject({ err: 'wget: download timed out\n' });
  });
});

describe('LoadBalancer and Ingress', () => {
  it('a LoadBalancer Service answers on its external IP, from outside', () => {
    const t = course('LoadBalancer');
    t.advance(5);
    const lb = (t.get('svc', 'httpd-svc')!.status as { loadBalancer?: { ingress?: { ip: string }[] } }).loadBalancer
      ?.ingress?.[0]?.ip;
    expect(lb).toMatch(/^192\.168\.56\.\d+$/);
    const r = t.cluster.network.request(OUTSIDE_PEER, `http://${lb}:8080/`);
    expect(r).toMatchObject({ kind: 'response', status: 200 });
  });

  it('the ingress controller routes by host and path; 404 for the rest', () => {
    const t = course();
    t.apply(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  ingressClassName: nginx
  rules:
    - host: web.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: httpd-svc
                port:
                  number: 8080
`);
    t.advance(70);
    const ing = t.get('ingress', 'web')!;
    const address = (ing.status as { loadBalancer: { ingress: { ip: string }[] } }).loadBalancer.ingress[0]!.ip;
    const ok = sh(t, 'client', `wget -qO- --header 'Host: web.example.com' http://${address}/`);
    expect(ok.out).toContain('It works!');
    const other = t.cluster.network.request(OUTSIDE_PEER, `http://${address}/`, {
      headers: { Host: 'nope.example.com' },
    });
    expect(other).toMatchObject({ kind: 'response', status: 404 });
  });
});

describe('the embedded kubectl', () => {
  it('shows the answers of kubectl exec at once (the lab terminal streams nothing later)', () => {
    const l = lab();
    l.k('create deployment web --image=nginx --replicas=2');
    l.k('expose deployment web --port=80');
    l.k('run bb --image=busybox -- sleep 3600');
    l.advance(30);
    expect(l.k('exec bb -- wget -qO- web').stdout).toContain('Welcome to nginx!');
    expect(l.k('exec bb -- nslookup web').stdout).toMatch(/^Name:\tweb\.default\.svc\.cluster\.local$/m);
    expect(l.k('exec bb -- nc -zv web 80')).toMatchObject({ exitCode: 0 });
  });
});

describe('inside the pod', () => {
  it('localhost and the pod’s own hostname are the pod itself', () => {
    const t = TestCluster.create().apply(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: site\nspec:\n  containers:\n    - name: nginx\n      image: nginx\n',
    );
    t.advance(10);
    expect(sh(t, 'site', 'curl -s localhost').out).toContain('Welcome to nginx!');
    expect(sh(t, 'site', 'curl -s http://site:80/').out).toContain('Welcome to nginx!');
    expect(sh(t, 'site', 'curl -s 127.0.0.1:81').code).toBe(7);
  });
});
