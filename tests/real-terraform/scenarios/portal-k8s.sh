#!/usr/bin/env bash
# A Kubernetes cluster inside a portal project's tenant, with the real CLI against crd-sim: the
# crd_k8s_kubeconfig ephemeral resource needs the cluster's `project` to reach it with the
# tenant's credentials (modules/research-project + modules/jupyterhub on one group's tenant).
# Apply (crd_project, crd_k8s_cluster in its tenant, the sdktest provider configured from the
# ephemeral kubeconfig; the data source as well), the cluster recorded in the tenant's project by crd-sim, an empty plan,
# the same kubeconfig without `project` refused with a message naming it, destroy.
source "$(dirname "$0")/../lib.sh"
rt_start

cat >"$RT_TF/main.tf" <<'HCL'
terraform {
  required_providers {
    crd     = { source = "crd-cloud/crd" }
    sdktest = { source = "crd-cloud/sdktest" }
  }
}
variable "with_project" {
  type    = bool
  default = true
}
resource "crd_project" "lab" {
  name                = "rt-portal-k8s"
  customer            = "demo-lab"
  sites               = ["toulouse"]
  deletion_protection = false
}
data "crd_k8s_templates" "v130" {
  kube_version = "1.30"
}
resource "crd_k8s_cluster" "k" {
  project       = crd_project.lab.id
  site          = "toulouse"
  name          = "rt-tenant"
  template      = data.crd_k8s_templates.v130.name
  master_flavor = "m1.small"
  worker_flavor = "m1.small"
  node_count    = 1
}
ephemeral "crd_k8s_kubeconfig" "kc" {
  cluster_id = crd_k8s_cluster.k.id
  site       = crd_k8s_cluster.k.site
  project    = var.with_project ? crd_k8s_cluster.k.project : null
}
provider "sdktest" {
  prefix  = "${ephemeral.crd_k8s_kubeconfig.kc.cluster_name}@${ephemeral.crd_k8s_kubeconfig.kc.host}:"
  api_key = ephemeral.crd_k8s_kubeconfig.kc.client_key
}
data "sdktest_echo" "e" {
  input = crd_k8s_cluster.k.id
}
output "echo" { value = data.sdktest_echo.e.output }
output "api" { value = crd_k8s_cluster.k.api_address }
output "id" { value = crd_k8s_cluster.k.id }
output "tenant" { value = crd_project.lab.tenants["toulouse"].project_id }
# The data source (Terraform < 1.10) shares the ephemeral resource's lookup.
data "crd_k8s_kubeconfig" "d" {
  cluster_id = crd_k8s_cluster.k.id
  site       = crd_k8s_cluster.k.site
  project    = crd_k8s_cluster.k.project
}
output "data_cluster_name" { value = data.crd_k8s_kubeconfig.d.cluster_name }
output "data_project" { value = data.crd_k8s_kubeconfig.d.project }
HCL

rt_expect_change 2 0 0 && rt_ok "create a project and a cluster in its tenant" || rt_fail "create"
id="$(cd "$RT_TF" && "$RT_CLI" output -raw id)"
api="$(cd "$RT_TF" && "$RT_CLI" output -raw api)"
tenant="$(cd "$RT_TF" && "$RT_CLI" output -raw tenant)"
echo_out="$(cd "$RT_TF" && "$RT_CLI" output -raw echo)"
[[ -n "$id" && "$echo_out" == "rt-tenant@$api:${id^^}" ]] && rt_ok "the kubeconfig of the tenant's cluster configured another provider ($echo_out)" \
  || rt_fail "sdktest echo is \"$echo_out\", expected \"rt-tenant@$api:${id^^}\""
[[ "$(cd "$RT_TF" && "$RT_CLI" output -raw data_cluster_name)" == "rt-tenant" && "$(cd "$RT_TF" && "$RT_CLI" output -raw data_project)" == "$(cd "$RT_TF" && "$RT_CLI" state show -no-color crd_project.lab | sed -n 's/^ *id *= *"\(.*\)"/\1/p' | head -n1)" ]] \
  && rt_ok "the crd_k8s_kubeconfig data source reaches the tenant's cluster too" || rt_fail "the data source did not find the tenant's cluster"
rt_sim_get "/_sim/objects/container-infra.clusters" | python3 -c '
import json, sys
clusters = [c for c in json.load(sys.stdin)["container-infra.clusters"] if c["Id"] == sys.argv[1]]
sys.exit(0 if len(clusters) == 1 and clusters[0]["ProjectId"] == sys.argv[2] else f"cluster {sys.argv[1]} not in project {sys.argv[2]}: {clusters}")' "$id" "$tenant" \
  && rt_ok "crd-sim holds the cluster in the portal tenant's project" || rt_fail "the cluster is not in the tenant's project"
rt_plan_empty && rt_ok "empty plan (the ephemeral kubeconfig is opened with the tenant's credentials)" || rt_fail "plan is not empty"

if rt_tf plan -var with_project=false; then
  rt_fail "a kubeconfig without project found the tenant's cluster"
else
  grep -q "Cluster Not Found" "$(rt_last_log)" && grep -q 'project = crd_k8s_cluster.x.project' "$(rt_last_log)" \
    && rt_ok "without project: \"Cluster Not Found\", naming the project argument" || { cat "$(rt_last_log)"; rt_fail "unexpected error without project"; }
fi

rt_destroy && rt_ok "destroy" || rt_fail "destroy"
rt_sim_get "/_sim/objects/container-infra.clusters" >"$RT_WORK/clusters.json" && ! grep -q "$id" "$RT_WORK/clusters.json" \
  && rt_ok "no cluster left in crd-sim" || rt_fail "the cluster is still in crd-sim"
rt_done
