# Every Kubernetes template of Montpellier, newest version first.
data "crd_k8s_templates" "all" {
  site = "montpellier"
}

# The newest template of the 1.30 line: follow patch releases without hard-coding a name.
data "crd_k8s_templates" "v130" {
  kube_version = "1.30"
}

output "newest_template" {
  value = data.crd_k8s_templates.all.name
}

output "versions" {
  value = [for t in data.crd_k8s_templates.all.templates : "${t.name} (${t.kube_version})"]
}
