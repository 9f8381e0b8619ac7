/**
 * The course's classic manifests, as learners meet them first (003 ch.1, 004; the
 * Kubernetes docs' controllers/nginx-deployment.yaml). Shared by tests, the embedded
 * kubectl's examples and, later, the editor's starter templates and lessons.
 */

export const NGINX_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app: nginx
spec:
  replicas: 3
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
        image: nginx:1.14.2
        ports:
        - containerPort: 80
`;
