/**
 * Starter manifests for "New from template", one per kind a learner meets in the course, with the
 * course's own names where it has them (nginx-deployment, httpd, mypv1/mypvc1, /tmp/healthy).
 * Kubernetes words are not translated, so neither are these. test/scenarios/editor-templates.test.ts
 * applies each one to a fresh cluster: every template is accepted as it is.
 */

export interface Template {
  kind: string;
  /** The tab title (and file name when saved). */
  file: string;
  yaml: string;
}

/** The course's nginx-deployment.yaml: what the editor opens with when there are no tabs. */
export const NGINX_DEPLOYMENT: Template = {
  kind: 'Deployment',
  file: 'nginx-deployment.yaml',
  yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app: nginx
spec:
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
        image: nginx:1.7.9
        ports:
        - containerPort: 80
`,
};

const t = (kind: string, file: string, yaml: string): Template => ({ kind, file, yaml });

export const TEMPLATES: readonly Template[] = [
  NGINX_DEPLOYMENT,
  t(
    'Pod',
    'pod.yaml',
    `apiVersion: v1
kind: Pod
metadata:
  name: liveness
  labels:
    test: liveness
spec:
  restartPolicy: OnFailure
  containers:
  - name: liveness
    image: busybox
    args:
    - /bin/sh
    - -c
    - touch /tmp/healthy; sleep 30; rm -rf /tmp/healthy; sleep 600
    livenessProbe:
      exec:
        command:
        - cat
        - /tmp/healthy
      initialDelaySeconds: 10
      periodSeconds: 5
`,
  ),
  t(
    'Service',
    'httpd-svc.yaml',
    `apiVersion: v1
kind: Service
metadata:
  name: httpd-svc
spec:
  selector:
    run: httpd
  ports:
  - protocol: TCP
    port: 8080
    targetPort: 80
`,
  ),
  t(
    'ConfigMap',
    'configmap.yaml',
    `apiVersion: v1
kind: ConfigMap
metadata:
  name: myconfigmap
data:
  config1: xxx
  config2: yyy
`,
  ),
  t(
    'Secret',
    'secret.yaml',
    `apiVersion: v1
kind: Secret
metadata:
  name: mysecret
type: Opaque
data:
  username: YWRtaW4=
  password: MTIzNDU2
`,
  ),
  t(
    'Job',
    'myjob.yaml',
    `apiVersion: batch/v1
kind: Job
metadata:
  name: myjob
spec:
  template:
    metadata:
      name: myjob
    spec:
      containers:
      - name: hello
        image: busybox
        command: ["echo", "hello k8s job!"]
      restartPolicy: Never
`,
  ),
  t(
    'CronJob',
    'hello-cronjob.yaml',
    `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "*/1 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox
            command: ["echo", "hello k8s job!"]
          restartPolicy: OnFailure
`,
  ),
  t(
    'DaemonSet',
    'node-exporter.yaml',
    `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-exporter-daemonset
spec:
  selector:
    matchLabels:
      app: prometheus
  template:
    metadata:
      labels:
        app: prometheus
    spec:
      hostNetwork: true
      containers:
      - name: node-exporter
        image: prom/node-exporter
        command:
        - /bin/node_exporter
        - --path.procfs
        - /host/proc
        volumeMounts:
        - name: proc
          mountPath: /host/proc
      volumes:
      - name: proc
        hostPath:
          path: /proc
`,
  ),
  t(
    'StatefulSet',
    'web-statefulset.yaml',
    `apiVersion: apps/v1
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
        image: nginx:1.7.9
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
`,
  ),
  t(
    'PersistentVolumeClaim',
    'mypvc1.yaml',
    `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: mypvc1
spec:
  accessModes:
  - ReadWriteOnce
  resources:
    requests:
      storage: 1Gi
  storageClassName: nfs
`,
  ),
  t(
    'PersistentVolume',
    'mypv1.yaml',
    `apiVersion: v1
kind: PersistentVolume
metadata:
  name: mypv1
spec:
  capacity:
    storage: 1Gi
  accessModes:
  - ReadWriteOnce
  persistentVolumeReclaimPolicy: Recycle
  storageClassName: nfs
  nfs:
    path: /nfsdata/pv1
    server: 192.168.56.105
`,
  ),
  t(
    'NetworkPolicy',
    'access-httpd.yaml',
    `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: access-httpd
spec:
  podSelector:
    matchLabels:
      run: httpd
  ingress:
  - from:
    - podSelector:
        matchLabels:
          access: "true"
    ports:
    - protocol: TCP
      port: 80
`,
  ),
  t(
    'Ingress',
    'httpd-ingress.yaml',
    `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: httpd-ingress
spec:
  rules:
  - host: httpd.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: httpd-svc
            port:
              number: 8080
`,
  ),
  t(
    'Namespace',
    'namespace.yaml',
    `apiVersion: v1
kind: Namespace
metadata:
  name: kube-lab
`,
  ),
];
