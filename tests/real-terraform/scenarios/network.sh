#!/usr/bin/env bash
# crd_security_group and crd_key_pair with the real CLI against crd-sim, with a crd_vm using
# them: create, empty plan, rules changed in place (the rule that stays keeps its Neutron id),
# the VM's group switched from id to name (no change), import of both, destroy leaving no group
# or key pair. The key is made by ssh-keygen here; no private key reaches the state.
source "$(dirname "$0")/../lib.sh"
command -v ssh-keygen >/dev/null || rt_skip "no ssh-keygen"
command -v jq >/dev/null || rt_skip "no jq"
rt_start

ssh-keygen -q -t ed25519 -N '' -C rt@network -f "$RT_WORK/id_ed25519"
cat >"$RT_TF/main.tf" <<HCL
terraform {
  required_providers {
    crd = { source = "crd-cloud/crd" }
  }
}
variable "https" {
  type    = bool
  default = false
}
variable "by_name" {
  type    = bool
  default = false
}
resource "crd_key_pair" "admin" {
  name       = "admin"
  public_key = file("$RT_WORK/id_ed25519.pub")
}
resource "crd_security_group" "bastion" {
  name = "bastion"
  rule {
    direction        = "ingress"
    protocol         = "tcp"
    port_range_min   = 22
    port_range_max   = 22
    remote_ip_prefix = "192.0.2.0/24"
  }
}
resource "crd_security_group" "web" {
  name        = "web"
  description = "web tier"
  rule {
    direction       = "ingress"
    protocol        = "tcp"
    port_range_min  = 22
    port_range_max  = 22
    remote_group_id = crd_security_group.bastion.id
  }
  dynamic "rule" {
    for_each = var.https ? [443] : [80]
    content {
      direction        = "ingress"
      protocol         = "tcp"
      port_range_min   = rule.value
      port_range_max   = rule.value
      remote_ip_prefix = "0.0.0.0/0"
    }
  }
}
resource "crd_vm" "web" {
  name            = "web"
  flavor          = "m1.small"
  image           = "ubuntu-24.04"
  key_pair        = crd_key_pair.admin.name
  security_groups = [var.by_name ? crd_security_group.web.name : crd_security_group.web.id]
}
output "fingerprint" { value = crd_key_pair.admin.fingerprint }
HCL

rules() { rt_sim_get "/_sim/objects/network.security_group_rules?site=toulouse"; }

rt_expect_change 4 0 0 && rt_ok "create a key pair, two groups and a VM using them" || rt_fail "create"
rt_plan_empty && rt_ok "empty plan after create" || rt_fail "plan after create is not empty"
want="$(ssh-keygen -l -E md5 -f "$RT_WORK/id_ed25519.pub" | awk '{print $2}' | sed 's/^MD5://')"
rt_tf output -raw fingerprint && [[ "$(cat "$(rt_last_log)")" == "$want" ]] && rt_ok "fingerprint is ssh-keygen's MD5 ($want)" || rt_fail "fingerprint differs from ssh-keygen -E md5 ($want)"
rt_state_has "PRIVATE KEY" && rt_fail "a private key reached the state" || rt_ok "no private key in the state"
port_groups="$(rt_sim_get "/_sim/objects/network.ports?site=toulouse" | jq -r '[."network.ports"[] | select(.DeviceOwner | startswith("compute:")) | .SecurityGroupIds[]] | join(",")')"
web_id="$(rt_tf output -json >/dev/null; jq -r '.resources[] | select(.type=="crd_security_group" and .name=="web") | .instances[0].attributes.id' "$RT_TF/terraform.tfstate")"
[[ "$port_groups" == "$web_id" ]] && rt_ok "the VM's port is in the web group only" || rt_fail "the VM's port is in [$port_groups], expected [$web_id]"
ssh_rule="$(rules | jq -r --arg g "$web_id" '."network.security_group_rules"[] | select(.SecurityGroupId==$g and .PortRangeMin==22) | .Id')"

rt_expect_change 0 1 0 -var https=true && rt_ok "swap port 80 for 443: one in-place update" || rt_fail "rule change was not one in-place update"
after="$(rules | jq -r --arg g "$web_id" '[."network.security_group_rules"[] | select(.SecurityGroupId==$g and .Direction=="ingress") | "\(.PortRangeMin)"] | sort | join(",")')"
[[ "$after" == "22,443" ]] && rt_ok "crd-sim holds ingress 22 and 443" || rt_fail "crd-sim holds ingress ports [$after]"
[[ "$(rules | jq -r --arg g "$web_id" '."network.security_group_rules"[] | select(.SecurityGroupId==$g and .PortRangeMin==22) | .Id')" == "$ssh_rule" ]] \
  && rt_ok "the unchanged ssh rule kept its id" || rt_fail "the ssh rule was recreated"
rt_plan_empty -var https=true && rt_ok "empty plan after the rule change" || rt_fail "plan after rule change is not empty"
rt_plan_empty -var https=true -var by_name=true && rt_ok "the VM's group by name instead of id: no change" || rt_fail "switching id to name plans a change"

# (rt_tf would put -no-color before the subcommand, which `state` refuses.)
(cd "$RT_TF" && "$RT_CLI" state rm crd_security_group.web crd_key_pair.admin >"$RT_WORK/state-rm.log" 2>&1) || rt_fail "state rm"
rt_tf import -var https=true crd_security_group.web "toulouse/$web_id" && rt_tf import -var https=true crd_key_pair.admin toulouse/admin \
  && rt_ok "import crd_security_group and crd_key_pair" || rt_fail "import"
rt_plan_empty -var https=true && rt_ok "empty plan after import" || rt_fail "plan after import is not empty"

rt_destroy -var https=true && rt_ok "destroy" || rt_fail "destroy"
groups="$(rt_sim_get "/_sim/objects/network.security_groups?site=toulouse" | jq -r '[."network.security_groups"[] | select(.Name != "default")] | length')"
keys="$(rt_sim_get "/_sim/objects/compute.keypairs?site=toulouse" | jq -r '."compute.keypairs" | length')"
[[ "$groups" == 0 && "$keys" == 0 ]] && rt_ok "destroy left no group or key pair" || rt_fail "destroy left $groups groups and $keys key pairs"
rt_done
