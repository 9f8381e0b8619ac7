/**
 * Lesson 17, "Secrets and ConfigMaps" (book ch.10): the book's `mysecret`
 * (admin / 123456, base64 in the API), mounted as files in `mypod` and read
 * as environment variables in `mypod-env`; updated to abcdef, the file follows
 * at the kubelet's next sync and the variable never does; the book's
 * `myconfigmap` with logging.conf mounted at /etc/foo/myapp, then changed.
 */
import { isPodServing, joinText, tx } from '../../core/check/index.ts';
import type { ClusterReader, KubeObject, Text } from '../../core/check/index.ts';
import { decodeBase64Text } from '../../core/util/base64.ts';
import { NS, found, isResult, lastClientWrite } from '../checks.ts';
import type { CheckResult, Lesson } from '../types.ts';
import { missing, ok } from '../types.ts';

const SECRET = 'mysecret';
const CONFIG = 'myconfigmap';
const VOL_POD = 'mypod';
const ENV_POD = 'mypod-env';
const CM_POD = 'mypod-config';
const CONF_PATH = '/etc/foo/myapp/logging.conf';

const dataOf = (obj: KubeObject) => (obj.data ?? {}) as Record<string, string>;
const levelOf = (conf: string | undefined) => /level:\s*(\S+)/.exec(conf ?? '')?.[1] ?? '?';

function findSecret(r: ClusterReader): KubeObject | CheckResult {
  return found(r.secret(NS, SECRET), 'Secret', SECRET);
}

function findConfigMap(r: ClusterReader): KubeObject | CheckResult {
  return found(r.configMap(NS, CONFIG), 'ConfigMap', CONFIG);
}

/** The Secret's value for `key`, decoded as the kubelet decodes it. */
function secretValue(secret: KubeObject, key: string): string | undefined {
  const v = dataOf(secret)[key];
  return v === undefined ? undefined : decodeBase64Text(v);
}

/** The pod, Running and Ready. */
function runningPod(r: ClusterReader, name: string, file: string): KubeObject | CheckResult {
  const pod = r.pod(NS, name);
  if (!pod)
    return missing(
      tx(`There is no pod \`${name}\` yet: apply \`${file}\`.`, `还没有 Pod \`${name}\`：请 apply \`${file}\`。`),
    );
  if (!isPodServing(pod))
    return missing(tx(`Waiting for \`${name}\` to be Running.`, `正在等待 \`${name}\` Running。`));
  return pod;
}

/** The file as the pod's container sees it, or what is missing. */
function fileIn(r: ClusterReader, pod: string, path: string): string | CheckResult {
  const text = r.readFile(NS, pod, pod, path);
  return text ?? missing(tx(`\`${path}\` does not exist in \`${pod}\`.`, `\`${pod}\` 中不存在 \`${path}\`。`));
}

/** The learner changed `kind` `name` after `pod` was created: its containers started with the old values. */
function changedSince(r: ClusterReader, kind: string, name: string, pod: string): boolean {
  const created = r.trace({ namespace: NS, kind: 'Pod', name: pod }).find((e) => e.verb === 'create');
  const changed = lastClientWrite(r, (e) => e.kind === kind && e.name === name && e.verb !== 'create');
  return !!created && !!changed && changed.seq > created.seq;
}

/** A file that shows an object's current value, or what to wait for. */
function fileShows(r: ClusterReader, pod: string, path: string, want: string | undefined): CheckResult {
  const text = fileIn(r, pod, path);
  if (typeof text !== 'string') return text;
  if (text === want) return ok;
  return missing(
    tx(
      `\`${path}\` in \`${pod}\` still holds the old value; the kubelet updates it at the pod's next sync (within a minute).`,
      `\`${pod}\` 中的 \`${path}\` 仍是旧值；kubelet 会在下一次同步这个 Pod 时更新它（一分钟之内）。`,
    ),
  );
}

const when = (r: ClusterReader, kind: string, name: string): Text => {
  const w = lastClientWrite(r, (e) => e.kind === kind && e.name === name);
  const t = w?.time.slice(11, 19) ?? '?';
  return tx(`\`${t}\``, `\`${t}\``);
};

export const secretsConfigMaps: Lesson = {
  id: 'secrets-configmaps',
  number: 17,
  title: tx('Secrets and ConfigMaps', 'Secret 与 ConfigMap'),
  summary: tx(
    'The book’s `mysecret` in base64, read by a pod as files and as environment variables; change it and see the files follow but not the variables; then a ConfigMap with a logging.conf.',
    '书中用 base64 编码的 `mysecret`，Pod 分别以文件和环境变量的方式读取它；修改之后，文件会跟着变，环境变量不会；然后是带有 logging.conf 的 ConfigMap。',
  ),
  start: {},
  steps: [
    {
      id: 'secret',
      hints: [
        tx(
          'Apply `mysecret.yml`, then `kubectl get secret mysecret -o yaml` and `kubectl describe secret mysecret`.',
          'apply `mysecret.yml`，然后执行 `kubectl get secret mysecret -o yaml` 和 `kubectl describe secret mysecret`。',
        ),
        tx(
          'Or create it from literals: `kubectl create secret generic mysecret --from-literal=username=admin --from-literal=password=123456`.',
          '也可以直接用命令创建：`kubectl create secret generic mysecret --from-literal=username=admin --from-literal=password=123456`。',
        ),
      ],
      solution: { kind: 'manifest', file: 'mysecret.yml', tab: 'mysecret.yml' },
      check: (r) => {
        const s = findSecret(r);
        if (isResult(s)) return s;
        const keys = ['username', 'password'].filter((k) => dataOf(s)[k] === undefined);
        if (keys.length)
          return missing(
            tx(
              `\`${SECRET}\` has no ${keys.map((k) => `\`${k}\``).join(' or ')} key.`,
              `\`${SECRET}\` 中没有 ${keys.map((k) => `\`${k}\``).join('、')} 这个 key。`,
            ),
          );
        return ok;
      },
      explain: (r) => {
        const s = r.secret(NS, SECRET);
        const d = s ? dataOf(s) : {};
        return tx(
          `\`${SECRET}\` is stored with \`username: ${d.username ?? ''}\` and \`password: ${d.password ?? ''}\`. That is **base64**, an encoding, not encryption: \`echo -n ${d.password ?? ''} | base64 --decode\` gives back \`${s ? (secretValue(s, 'password') ?? '') : ''}\`. \`kubectl describe secret\` shows only the keys and sizes, so a password does not end up on a screen by accident; but anyone allowed to read Secrets can read them all. What a Secret adds is a separate object, with its own access rules, that pods reference by name instead of carrying passwords in their own spec.`,
          `\`${SECRET}\` 中存的是 \`username: ${d.username ?? ''}\` 和 \`password: ${d.password ?? ''}\`。这是 **base64**——一种编码，而不是加密：\`echo -n ${d.password ?? ''} | base64 --decode\` 就能还原出 \`${s ? (secretValue(s, 'password') ?? '') : ''}\`。\`kubectl describe secret\` 只显示 key 和长度，以免密码被无意间显示在屏幕上；但有权限读取 Secret 的人可以读到全部内容。Secret 的意义在于：敏感数据放在一个单独的对象里，有自己的访问控制，Pod 通过名字引用它，而不是把密码写在自己的 spec 里。`,
        );
      },
    },
    {
      id: 'volume',
      hints: [
        tx(
          'Apply `mypod.yml`, then `kubectl exec mypod -- ls /etc/foo` and `kubectl exec mypod -- cat /etc/foo/password`.',
          'apply `mypod.yml`，然后执行 `kubectl exec mypod -- ls /etc/foo` 和 `kubectl exec mypod -- cat /etc/foo/password`。',
        ),
        tx('Each key of the Secret becomes one file.', 'Secret 中的每个 key 都会变成一个文件。'),
      ],
      solution: { kind: 'manifest', file: 'mypod.yml' },
      check: (r) => {
        const pod = runningPod(r, VOL_POD, 'mypod.yml');
        if (isResult(pod)) return pod;
        const file = fileIn(r, VOL_POD, '/etc/foo/password');
        return typeof file === 'string' ? ok : file;
      },
      explain: (r) =>
        tx(
          `Before starting \`${VOL_POD}\`'s container, the kubelet read \`${SECRET}\` and wrote one file per key under /etc/foo: \`/etc/foo/username\` holds \`${r.readFile(NS, VOL_POD, VOL_POD, '/etc/foo/username') ?? ''}\` and \`/etc/foo/password\` holds \`${r.readFile(NS, VOL_POD, VOL_POD, '/etc/foo/password') ?? ''}\` — in plain text: the kubelet decodes base64. \`readOnly: true\` keeps the container from changing them. To choose the file names, list \`items\` (\`key: password\`, \`path: my-group/my-password\`).`,
          `启动 \`${VOL_POD}\` 的容器之前，kubelet 读取了 \`${SECRET}\`，在 /etc/foo 下为每条数据创建一个文件，文件名就是 key：\`/etc/foo/username\` 的内容是 \`${r.readFile(NS, VOL_POD, VOL_POD, '/etc/foo/username') ?? ''}\`，\`/etc/foo/password\` 的内容是 \`${r.readFile(NS, VOL_POD, VOL_POD, '/etc/foo/password') ?? ''}\`——以明文存放：kubelet 会做 base64 解码。\`readOnly: true\` 让容器不能修改它们。想自定义文件名，可以用 \`items\` 列出来（\`key: password\`、\`path: my-group/my-password\`）。`,
        ),
    },
    {
      id: 'env',
      hints: [
        tx(
          'Apply `mypod-env.yml`, then `kubectl exec mypod-env -- printenv SECRET_USERNAME SECRET_PASSWORD`.',
          'apply `mypod-env.yml`，然后执行 `kubectl exec mypod-env -- printenv SECRET_USERNAME SECRET_PASSWORD`。',
        ),
        tx(
          'It is a second pod, so that both ways run side by side for the next step.',
          '这是第二个 Pod，这样两种方式可以同时运行，供下一步对比。',
        ),
      ],
      solution: { kind: 'manifest', file: 'mypod-env.yml' },
      check: (r) => {
        const pod = runningPod(r, ENV_POD, 'mypod-env.yml');
        if (isResult(pod)) return pod;
        const env = (
          pod.spec as { containers?: { env?: { valueFrom?: { secretKeyRef?: { name?: string } } }[] }[] }
        ).containers?.flatMap((c) => c.env ?? []);
        if (!env?.some((e) => e.valueFrom?.secretKeyRef?.name === SECRET))
          return missing(
            tx(
              `\`${ENV_POD}\` has no variable taken from \`${SECRET}\` (\`valueFrom.secretKeyRef\`).`,
              `\`${ENV_POD}\` 中没有取自 \`${SECRET}\` 的环境变量（\`valueFrom.secretKeyRef\`）。`,
            ),
          );
        return ok;
      },
      explain: () =>
        tx(
          `When the kubelet created \`${ENV_POD}\`'s container, it looked up each \`secretKeyRef\`, decoded the value and put it in the container's environment: \`SECRET_USERNAME=admin\`, \`SECRET_PASSWORD=123456\`. Convenient — most programs read their settings from the environment — but a process's environment is fixed when the process starts.`,
          `kubelet 创建 \`${ENV_POD}\` 的容器时，逐个查找 \`secretKeyRef\`，解码后放进容器的环境变量：\`SECRET_USERNAME=admin\`、\`SECRET_PASSWORD=123456\`。通过环境变量读取 Secret 很方便——大多数程序都从环境变量读配置——但进程的环境变量在进程启动时就已经确定了。`,
        ),
    },
    {
      id: 'update',
      hints: [
        tx(
          'Apply `mysecret-abcdef.yml` (password `YWJjZGVm`, that is `abcdef`). Then, every few seconds, `kubectl exec mypod -- cat /etc/foo/password` and `kubectl exec mypod-env -- printenv SECRET_PASSWORD`.',
          'apply `mysecret-abcdef.yml`（password 为 `YWJjZGVm`，即 `abcdef`）。然后每隔几秒执行一次 `kubectl exec mypod -- cat /etc/foo/password` 和 `kubectl exec mypod-env -- printenv SECRET_PASSWORD`。',
        ),
        tx(
          'The file changes within a minute; fast-forward the clock if you like. The variable never changes.',
          '文件会在一分钟之内更新；可以快进时钟。环境变量则永远不会变。',
        ),
      ],
      solution: { kind: 'manifest', file: 'mysecret-abcdef.yml', tab: 'mysecret.yml' },
      check: (r) => {
        const s = findSecret(r);
        if (isResult(s)) return s;
        if (!changedSince(r, 'Secret', SECRET, ENV_POD))
          return missing(
            tx(
              `\`${SECRET}\` has not changed since the pods started: apply \`mysecret-abcdef.yml\`.`,
              `Pod 启动以后 \`${SECRET}\` 还没有改过：请 apply \`mysecret-abcdef.yml\`。`,
            ),
          );
        return fileShows(r, VOL_POD, '/etc/foo/password', secretValue(s, 'password'));
      },
      explain: (r) => {
        const s = r.secret(NS, SECRET);
        const now = s ? (secretValue(s, 'password') ?? '') : '';
        return joinText([
          tx(
            `You changed \`${SECRET}\` at ${when(r, 'Secret', SECRET).en}. \`/etc/foo/password\` in \`${VOL_POD}\` now reads \`${now}\`: the kubelet watches the Secrets its pods mount, and rewrites the files at each pod's next periodic sync (every 60 s, \`--sync-frequency\`) — so within a minute, with no restart. \`SECRET_PASSWORD\` in \`${ENV_POD}\` still says 123456, and will until its container is started again (delete the pod and create it, or roll a Deployment).`,
            `你在 ${when(r, 'Secret', SECRET)['zh-CN']} 修改了 \`${SECRET}\`。\`${VOL_POD}\` 中的 \`/etc/foo/password\` 现在是 \`${now}\`：kubelet 监视着它的 Pod 所挂载的 Secret，在每个 Pod 下一次周期性同步时（每 60 秒一次，\`--sync-frequency\`）重写这些文件——所以一分钟之内就会更新，不需要重启。\`${ENV_POD}\` 中的 \`SECRET_PASSWORD\` 还是 123456，在它的容器重新启动之前（删除并重新创建 Pod，或者滚动更新 Deployment）一直如此。`,
          ),
          tx(
            '\nSo only the volume way supports dynamic updates. (One exception: a file mounted with `subPath` is a copy made at container start, and never updates either.)',
            '\n所以只有 Volume 方式支持动态更新。（有一个例外：用 `subPath` 挂载的文件是容器启动时复制的一份，也不会更新。）',
          ),
        ]);
      },
    },
    {
      id: 'configmap',
      hints: [
        tx(
          'Apply `myconfigmap.yml` (the ConfigMap and the pod `mypod-config`), then `kubectl exec mypod-config -- cat /etc/foo/myapp/logging.conf`.',
          'apply `myconfigmap.yml`（ConfigMap 和 Pod `mypod-config`），然后执行 `kubectl exec mypod-config -- cat /etc/foo/myapp/logging.conf`。',
        ),
        tx(
          '`items` puts the key `logging.conf` at `myapp/logging.conf` under the mount path.',
          '`items` 把 key `logging.conf` 放到挂载路径下的 `myapp/logging.conf`。',
        ),
      ],
      solution: { kind: 'manifest', file: 'myconfigmap.yml', tab: 'myconfigmap.yml' },
      check: (r) => {
        const cm = findConfigMap(r);
        if (isResult(cm)) return cm;
        const pod = runningPod(r, CM_POD, 'myconfigmap.yml');
        if (isResult(pod)) return pod;
        return fileShows(r, CM_POD, CONF_PATH, dataOf(cm)['logging.conf']);
      },
      explain: (r) =>
        tx(
          `\`${CONFIG}\` holds a whole file under one key, \`logging.conf\` (the \`|\` keeps its lines). Unlike a Secret, its data is stored as plain text. The kubelet wrote it to \`${CONF_PATH}\` in \`${CM_POD}\`: level ${levelOf(r.readFile(NS, CM_POD, CM_POD, CONF_PATH))}. ConfigMaps are for settings that are not secret; they are created and used the same ways as Secrets — four ways to create (\`--from-literal\`, \`--from-file\`, \`--from-env-file\`, YAML), volumes or environment variables to use.`,
          `\`${CONFIG}\` 把整个文件放在一个 key \`logging.conf\` 下（\`|\` 保留了其中的换行）。与 Secret 不同，它的数据以明文存放。kubelet 把它写到了 \`${CM_POD}\` 的 \`${CONF_PATH}\`：level 为 ${levelOf(r.readFile(NS, CM_POD, CM_POD, CONF_PATH))}。ConfigMap 用于不敏感的配置；它的创建和使用方式与 Secret 非常类似——四种创建方法（\`--from-literal\`、\`--from-file\`、\`--from-env-file\`、YAML），以 Volume 或环境变量的方式使用。`,
        ),
    },
    {
      id: 'configmap-update',
      hints: [
        tx(
          'Change `level: INFO` to `level: DEBUG` in `myconfigmap.yml` (or load `myconfigmap-debug.yml`) and apply.',
          '把 `myconfigmap.yml` 中的 `level: INFO` 改成 `level: DEBUG`（或者载入 `myconfigmap-debug.yml`），然后 apply。',
        ),
        tx(
          'Then `kubectl exec mypod-config -- cat /etc/foo/myapp/logging.conf` until it shows DEBUG.',
          '然后反复执行 `kubectl exec mypod-config -- cat /etc/foo/myapp/logging.conf`，直到看到 DEBUG。',
        ),
      ],
      solution: { kind: 'manifest', file: 'myconfigmap-debug.yml', tab: 'myconfigmap.yml' },
      check: (r) => {
        const cm = findConfigMap(r);
        if (isResult(cm)) return cm;
        if (!changedSince(r, 'ConfigMap', CONFIG, CM_POD))
          return missing(
            tx(
              `\`${CONFIG}\` has not changed since \`${CM_POD}\` started.`,
              `\`${CM_POD}\` 启动以后 \`${CONFIG}\` 还没有改过。`,
            ),
          );
        return fileShows(r, CM_POD, CONF_PATH, dataOf(cm)['logging.conf']);
      },
      explain: (r) =>
        tx(
          `You changed \`${CONFIG}\` at ${when(r, 'ConfigMap', CONFIG).en}; at \`${CM_POD}\`'s next sync the kubelet rewrote \`${CONF_PATH}\`: level ${levelOf(r.readFile(NS, CM_POD, CM_POD, CONF_PATH))}. The file changed under a running program. Whether the program notices is up to it: some watch their configuration files and reload, many read them once at start — then roll the pods after changing the ConfigMap, or give each version of the ConfigMap a new name.`,
          `你在 ${when(r, 'ConfigMap', CONFIG)['zh-CN']} 修改了 \`${CONFIG}\`；在 \`${CM_POD}\` 下一次同步时，kubelet 重写了 \`${CONF_PATH}\`：level 为 ${levelOf(r.readFile(NS, CM_POD, CM_POD, CONF_PATH))}。文件在程序运行期间被改变了。程序会不会注意到，取决于程序自己：有的程序监视配置文件并自动重新加载，很多程序只在启动时读一次——那就在修改 ConfigMap 之后滚动更新 Pod，或者每个版本的 ConfigMap 用一个新名字。`,
        ),
    },
  ],
};
