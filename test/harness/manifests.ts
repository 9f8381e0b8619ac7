/**
 * Manifests several tests share, as their sources print them: the book's
 * (《每天5分钟玩转Kubernetes》, in apps/v1 instead of v1beta1) and the Kubernetes
 * docs' HPA walkthrough. Tests that need a variant edit the text with `replace`.
 */

/** The book's liveness.yml / readiness.yml pod (8.2, 8.3): /tmp/healthy for 30 s, probed with `cat` every 5 s after 10 s. */
export function probePod(name: string, probe: 'livenessProbe' | 'readinessProbe'): string {
  return `apiVersion: v1
kind: Pod
metadata:
  labels:
    test: ${name}
  name: ${name}
spec:
  restartPolicy: OnFailure
  containers:
  - name: ${name}
    image: busybox
    args:
    - /bin/sh
    - -c
    - touch /tmp/healthy; sleep 30; rm -rf /tmp/healthy; sleep 600
    ${probe}:
      exec:
        command:
        - cat
        - /tmp/healthy
      initialDelaySeconds: 10
      periodSeconds: 5
`;
}

export const LIVENESS = probePod('liveness', 'livenessProbe');
export const READINESS = probePod('readiness', 'readinessProbe');

/** The commands of the book's app.v1.yml (healthy after 10 s) and app.v2.yml (never healthy). */
export const APP_V1 = 'sleep 10; touch /tmp/healthy; sleep 30000';
export const APP_V2 = 'sleep 3000';

/** The book's app.v1.yml / app.v2.yml (8.5): 10 replicas with a readiness probe; optionally maxSurge and maxUnavailable 35 %. */
export function bookApp(command: string, strategy35 = false): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
${strategy35 ? '  strategy:\n    rollingUpdate:\n      maxSurge: 35%\n      maxUnavailable: 35%\n' : ''}  replicas: 10
  selector:
    matchLabels:
      run: app
  template:
    metadata:
      labels:
        run: app
    spec:
      containers:
      - name: app
        image: busybox
        args:
        - /bin/sh
        - -c
        - ${command}
        readinessProbe:
          exec:
            command:
            - cat
            - /tmp/healthy
          initialDelaySeconds: 10
          periodSeconds: 5
`;
}

const PHP_RESOURCES =
  'resources:\n            limits:\n              cpu: 500m\n            requests:\n              cpu: 200m';

/** The HPA walkthrough's php-apache Deployment (200m requested unless `resources` says otherwise) and its Service. */
export function phpApache(resources = PHP_RESOURCES): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: php-apache
spec:
  selector:
    matchLabels:
      run: php-apache
  template:
    metadata:
      labels:
        run: php-apache
    spec:
      containers:
        - name: php-apache
          image: registry.k8s.io/hpa-example
          ports:
            - containerPort: 80
          ${resources}
---
apiVersion: v1
kind: Service
metadata:
  name: php-apache
  labels:
    run: php-apache
spec:
  ports:
    - port: 80
  selector:
    run: php-apache
`;
}

export const PHP_APACHE = phpApache();
