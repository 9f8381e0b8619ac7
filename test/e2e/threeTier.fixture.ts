/**
 * A three-tier app with NetworkPolicies, for the network tests and screenshots: frontend (2 × nginx:80),
 * backend (httpd:8080), db (postgres:5432); ingress denied by default, frontend → backend on 8080 and
 * backend → db on 5432 allowed.
 */
const deployment = (name: string, replicas: number, image: string, port: number, env = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: shop, tier: ${name}}
  template:
    metadata:
      labels: {app: shop, tier: ${name}}
    spec:
      containers:
      - name: ${name}
        image: ${image}
        ports:
        - containerPort: ${port}${env}
`;

/** One manifest per document (the editor test helper reads back only the lines Monaco shows). */
export const THREE_TIER = [
  deployment('frontend', 2, 'nginx', 80),
  deployment('backend', 1, 'httpd', 8080),
  deployment('db', 1, 'postgres', 5432, '\n        env:\n        - {name: POSTGRES_PASSWORD, value: example}'),
  `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
spec:
  podSelector: {}
  policyTypes: [Ingress]
`,
  `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-frontend-to-backend
spec:
  podSelector:
    matchLabels: {tier: backend}
  ingress:
  - from:
    - podSelector:
        matchLabels: {tier: frontend}
    ports:
    - port: 8080
`,
  `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-backend-to-db
spec:
  podSelector:
    matchLabels: {tier: db}
  ingress:
  - from:
    - podSelector:
        matchLabels: {tier: backend}
    ports:
    - port: 5432
`,
];
