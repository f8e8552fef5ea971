import type { IDeployment } from 'kubernetes-models/apps/v1';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import type { IJob } from 'kubernetes-models/batch/v1';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1';
import type { IConfigMap, IContainer, INamespace, IPodSpec, ISecret, IService } from 'kubernetes-models/v1';
import type { Rendered } from './k8s-manifests.fixture';
import type { ServiceMonitor } from './service-monitor.schema';

/** Ways to break a copy of rendered manifests in one place, for the rows that show each rule catches it. */
interface Kinds {
  Namespace: INamespace;
  Deployment: IDeployment;
  Job: IJob;
  Service: IService;
  ConfigMap: IConfigMap;
  Secret: ISecret;
  PodDisruptionBudget: IPodDisruptionBudget;
  NetworkPolicy: INetworkPolicy;
  HorizontalPodAutoscaler: IHorizontalPodAutoscaler;
  ServiceMonitor: ServiceMonitor;
}

function documentsOf(m: Rendered): Array<{ kind?: string; metadata?: { name?: string } }> {
  return [...m.documents, ...m.secretTemplate].map(({ doc }) => doc as { kind?: string; metadata?: { name?: string } });
}

export function objectIn<K extends keyof Kinds>(m: Rendered, kind: K, name: string): Kinds[K] {
  const found = documentsOf(m).find((doc) => doc.kind === kind && doc.metadata?.name === name);
  if (!found) throw new Error(`no ${kind}/${name} rendered from ${m.target}`);
  return found as unknown as Kinds[K];
}

export function firstOf<K extends keyof Kinds>(m: Rendered, kind: K): Kinds[K] {
  const found = documentsOf(m).find((doc) => doc.kind === kind);
  if (!found) throw new Error(`no ${kind} rendered from ${m.target}`);
  return found as unknown as Kinds[K];
}

export function remove(m: Rendered, kind: keyof Kinds, name: string): void {
  const index = m.documents.findIndex(
    ({ doc }) =>
      (doc as { kind?: string }).kind === kind && (doc as { metadata?: { name?: string } }).metadata?.name === name,
  );
  if (index < 0) throw new Error(`no ${kind}/${name} to remove from ${m.target}`);
  m.documents.splice(index, 1);
}

export function add(m: Rendered, doc: object): void {
  m.documents.push({ file: m.documents[0]?.file ?? m.target, doc });
}

export function podOf(m: Rendered, kind: 'Deployment' | 'Job', name: string): IPodSpec {
  const pod = objectIn(m, kind, name).spec?.template.spec;
  if (!pod) throw new Error(`${kind}/${name} has no pod spec`);
  return pod;
}

export function containerOf(m: Rendered, kind: 'Deployment' | 'Job', name: string): IContainer {
  return podOf(m, kind, name).containers[0];
}

/** Sets a literal variable in the container's own env, replacing any entry of that name. */
export function setEnv(container: IContainer, name: string, value: string): void {
  container.env = [...(container.env ?? []).filter((e) => e.name !== name), { name, value }];
}

export function setConfig(m: Rendered, key: string, value: string): void {
  const configMap = firstOf(m, 'ConfigMap');
  configMap.data = { ...configMap.data, [key]: value };
}

export function setSecurity(container: IContainer, change: NonNullable<IContainer['securityContext']>): void {
  container.securityContext = { ...container.securityContext, ...change };
}

export function allowRoot(pod: IPodSpec): void {
  if (pod.securityContext) pod.securityContext.runAsNonRoot = false;
  for (const container of pod.containers) {
    if (container.securityContext) container.securityContext.runAsNonRoot = false;
  }
}

export function setMemoryLimit(container: IContainer, memory: string): void {
  container.resources = { ...container.resources, limits: { ...container.resources?.limits, memory } };
}

export function setPodAnnotation(m: Rendered, deployment: string, key: string, value: string): void {
  const metadata = objectIn(m, 'Deployment', deployment).spec?.template.metadata;
  if (metadata) metadata.annotations = { ...metadata.annotations, [key]: value };
}

/** Deliberately the wrong type: the schema check must reject it. */
export function setContainerPortText(container: IContainer, value: string): void {
  Object.assign(container.ports?.[0] ?? {}, { containerPort: value });
}

export function deleteContainerName(container: IContainer): void {
  Reflect.deleteProperty(container, 'name');
}

export function setMatchLabel(deployment: IDeployment, name: string): void {
  const selector = deployment.spec?.selector;
  if (selector) selector.matchLabels = { ...selector.matchLabels, 'app.kubernetes.io/name': name };
}

export function setServiceSelector(service: IService, name: string): void {
  if (service.spec) service.spec.selector = { ...service.spec.selector, 'app.kubernetes.io/name': name };
}

export function setTargetPort(service: IService, port: string): void {
  for (const servicePort of service.spec?.ports ?? []) servicePort.targetPort = port;
}

export function inlineVariable(container: IContainer, name: string, value: string): void {
  container.env = (container.env ?? []).map((e) => (e.name === name ? { name, value } : e));
}

export function renameConfigMap(m: Rendered, name: string): void {
  const configMap = firstOf(m, 'ConfigMap');
  configMap.metadata = { ...configMap.metadata, name };
}

export function egressOf(m: Rendered, name: string): NonNullable<NonNullable<INetworkPolicy['spec']>['egress']> {
  const spec = objectIn(m, 'NetworkPolicy', name).spec;
  if (!spec) throw new Error(`NetworkPolicy/${name} has no spec`);
  spec.egress ??= [];
  return spec.egress;
}

export function ingressOf(m: Rendered, name: string): NonNullable<NonNullable<INetworkPolicy['spec']>['ingress']> {
  const spec = objectIn(m, 'NetworkPolicy', name).spec;
  if (!spec) throw new Error(`NetworkPolicy/${name} has no spec`);
  spec.ingress ??= [];
  return spec.ingress;
}
