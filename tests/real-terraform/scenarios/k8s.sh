#!/usr/bin/env bash
# crd_k8s_cluster, crd_k8s_templates and the crd_k8s_kubeconfig ephemeral resource with the real
# CLI against crd-sim: create (template picked by the data source, autoscaling, a node group),
# empty plan, the ephemeral kubeconfig configuring another provider (the SDK test provider's
# `prefix`: its echo data source proves the value was usable during plan and apply) while no
# key or certificate of it reaches the state file, in-place scaling of the default group and
# the node groups, import, destroy leaving crd-sim without clusters.
source "$(dirname "$0")/../lib.sh"
rt_start

cat >"$RT_TF/main.tf" <<'HCL'
terraform {
  required_providers {
    crd     = { source = "crd-cloud/crd" }
    sdktest = { source = "crd-cloud/sdktest" }
  }
}
variable "node_count" {
  type    = number
  default = 1
}
variable "groups" {
  type    = map(number)
  default = { gpu = 1 }
}
variable "max_nodes" {
  type    = number
  default = 3
}
data "crd_k8s_templates" "v130" {
  kube_version = "1.30"
}
resource "crd_k8s_cluster" "k" {
  name          = "rt"
  template      = data.crd_k8s_templates.v130.name
  master_flavor = "m1.small"
  worker_flavor = "m1.small"
  node_count    = var.node_count
  autoscaling {
    min_nodes = 1
    max_nodes = var.max_nodes
  }
  dynamic "node_group" {
    for_each = var.groups
    content {
      name       = node_group.key
      flavor     = "m1.small"
      node_count = node_group.value
      labels     = { tier = node_group.key }
    }
  }
}
ephemeral "crd_k8s_kubeconfig" "kc" {
  cluster_id = crd_k8s_cluster.k.id
  site       = crd_k8s_cluster.k.site
}
# Another provider configured from the ephemeral values, as a kubernetes or helm provider would be.
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
HCL

rt_expect_change 1 0 0 && rt_ok "create a cluster with autoscaling and a node group" || rt_fail "create"
rt_plan_empty && rt_ok "empty plan after create (the ephemeral kubeconfig is opened during plan)" || rt_fail "plan after create is not empty"
id="$(cd "$RT_TF" && "$RT_CLI" output -raw id)"
api="$(cd "$RT_TF" && "$RT_CLI" output -raw api)"
echo_out="$(cd "$RT_TF" && "$RT_CLI" output -raw echo)"
[[ -n "$id" && "$echo_out" == "rt@$api:${id^^}" ]] && rt_ok "the ephemeral value configured the sdktest provider ($echo_out)" \
  || rt_fail "sdktest echo is \"$echo_out\", expected \"rt@$api:${id^^}\""
state="$RT_TF/terraform.tfstate"
[[ -f "$state" ]] && rt_ok "state file written" || rt_fail "no state file"
if rt_state_has "PRIVATE KEY" || rt_state_has "client-key-data" || rt_state_has "client_key" || rt_state_has "ephemeral"; then
  rt_fail "the kubeconfig's key reached the state file"
else
  rt_ok "no client key, kubeconfig or ephemeral value in the state file"
fi
# The only certificate in the state is the cluster's (public) CA.
[[ "$(grep -o 'BEGIN CERTIFICATE' "$state" | wc -l)" -eq 1 ]] && rt_ok "only the CA certificate is in the state" || rt_fail "a client certificate reached the state file"

rt_expect_change 0 1 0 -var node_count=2 -var max_nodes=4 && rt_ok "scale the default group and raise its maximum in place" || rt_fail "scale the default group"
rt_plan_empty -var node_count=2 -var max_nodes=4 && rt_ok "empty plan after scaling" || rt_fail "plan after scaling is not empty"
groups='groups={gpu=2,io=1}'
rt_expect_change 0 1 0 -var node_count=2 -var max_nodes=4 -var "$groups" && rt_ok "scale a node group and add another in place" || rt_fail "node groups"
rt_plan_empty -var node_count=2 -var max_nodes=4 -var "$groups" && rt_ok "empty plan after node groups" || rt_fail "plan after node groups is not empty"
rt_expect_change 0 1 0 -var node_count=2 -var max_nodes=4 -var 'groups={io=1}' && rt_ok "remove a node group in place" || rt_fail "remove a node group"
[[ "$(cd "$RT_TF" && "$RT_CLI" output -raw id)" == "$id" ]] && rt_ok "still the same cluster" || rt_fail "the cluster was replaced"

# (rt_tf would put -no-color before the state subcommand, which terraform refuses.)
(cd "$RT_TF" && "$RT_CLI" state rm -no-color crd_k8s_cluster.k >"$RT_WORK/state-rm.log" 2>&1) && rt_tf import -var node_count=2 -var max_nodes=4 -var 'groups={io=1}' crd_k8s_cluster.k "toulouse/$id" \
  && rt_ok "import toulouse/<id>" || rt_fail "import"
rt_plan_empty -var node_count=2 -var max_nodes=4 -var 'groups={io=1}' && rt_ok "empty plan after import" || rt_fail "plan after import is not empty"

rt_destroy -var node_count=2 -var max_nodes=4 -var 'groups={io=1}' && rt_ok "destroy" || rt_fail "destroy"
rt_sim_get "/_sim/objects/container-infra.clusters" >"$RT_WORK/clusters.json" && ! grep -q "$id" "$RT_WORK/clusters.json" \
  && rt_ok "no cluster left in crd-sim" || rt_fail "the cluster is still in crd-sim"
rt_done
