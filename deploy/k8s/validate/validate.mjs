// Validates the manifests listed by a kustomization.yaml: each against its Kubernetes API schema
// (kubernetes-models), and all together against the house rules: probes and resources on every container,
// every Service, HorizontalPodAutoscaler and PodDisruptionBudget aimed at a Deployment that exists.
// Usage: node validate.mjs <directory with kustomization.yaml>; exits 1 listing every problem.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";

const directory = process.argv[2];
const kustomization = yaml.load(readFileSync(join(directory, "kustomization.yaml"), "utf8"));
const problems = [];
const manifests = [];
for (const file of kustomization.resources) {
  for (const doc of yaml.loadAll(readFileSync(join(directory, file), "utf8"))) {
    if (doc) manifests.push({ file, doc });
  }
}

for (const { file, doc } of manifests) {
  const where = `${file}: ${doc.kind}/${doc.metadata?.name}`;
  const group = doc.apiVersion.includes("/") ? doc.apiVersion : `v1`;
  try {
    const module = await import(`kubernetes-models/${group === "v1" ? "v1" : group}/${doc.kind}`);
    new module[doc.kind](doc).validate();
  } catch (e) {
    problems.push(`${where}: ${e.message}`);
  }
}

const deployments = manifests.filter((m) => m.doc.kind === "Deployment").map((m) => m.doc);
const labelsOf = (d) => d.spec.template.metadata.labels;
const matches = (selector, labels) => Object.entries(selector).every(([k, v]) => labels[k] === v);
for (const d of deployments) {
  for (const c of d.spec.template.spec.containers) {
    for (const probe of ["readinessProbe", "livenessProbe", "startupProbe"]) {
      if (!c[probe]) problems.push(`Deployment/${d.metadata.name}: container ${c.name} has no ${probe}`);
    }
    if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory || !c.resources?.limits?.memory) {
      problems.push(`Deployment/${d.metadata.name}: container ${c.name} lacks cpu/memory requests or a memory limit`);
    }
  }
  if (!matches(d.spec.selector.matchLabels, labelsOf(d))) {
    problems.push(`Deployment/${d.metadata.name}: selector does not match its pod labels`);
  }
}
for (const { doc } of manifests) {
  const name = `${doc.kind}/${doc.metadata.name}`;
  if (doc.kind === "Service" && !deployments.some((d) => matches(doc.spec.selector, labelsOf(d)))) {
    problems.push(`${name}: selects no Deployment`);
  }
  if (doc.kind === "PodDisruptionBudget" && !deployments.some((d) => matches(doc.spec.selector.matchLabels, labelsOf(d)))) {
    problems.push(`${name}: selects no Deployment`);
  }
  if (doc.kind === "HorizontalPodAutoscaler" && !deployments.some((d) => d.metadata.name === doc.spec.scaleTargetRef.name)) {
    problems.push(`${name}: scales no Deployment`);
  }
}

if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(`${manifests.length} manifests valid`);
