# One apply on crd-sim with workers on two sites, through the real provider: the outputs, and
# the security rules as the provider read them back from crd-sim's Neutron. Needs crd-sim and
# OS_CLIENT_CONFIG_FILE pointing at the clouds.yaml it wrote (tests/modules/run.sh does both).

provider "crd" {
  default_site = "toulouse"

  site {
    name  = "toulouse"
    cloud = "crd-toulouse"
  }

  site {
    name  = "montpellier"
    cloud = "crd-montpellier"
  }
}

variables {
  name_prefix       = "tftest"
  allowed_ssh_cidrs = ["192.0.2.0/24"]
  ssh_public_keys   = ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB6kWzUQxq6CcG3OJ2hH7H2k6v4a8N+fm0XqkS7kR5cT tftest"]
  worker_groups = {
    compute = { site = "toulouse", count = 2, flavor = "m1.tiny", data_volumes = { scratch = { size_gb = 1 } } }
    analyse = { site = "montpellier", count = 1, flavor = "m1.tiny" }
  }
}

run "apply_on_two_sites" {
  command = apply

  assert {
    condition     = toset(keys(output.bastion_ips)) == toset(["toulouse", "montpellier"]) && alltrue([for ip in values(output.bastion_ips) : can(cidrhost("${ip}/32", 0))])
    error_message = "Each site has a bastion with a public IP."
  }

  assert {
    condition     = length(output.workers) == 3 && alltrue([for w in values(output.workers) : w.private_ip != null && w.id != ""])
    error_message = "Three workers with private IPs and ids."
  }

  assert {
    condition     = output.workers["tftest-analyse-1"].site == "montpellier" && output.workers["tftest-compute-2"].group == "compute"
    error_message = "Workers report their site and group."
  }

  assert {
    condition     = alltrue([for vm in crd_vm.worker : vm.public_ip == null])
    error_message = "Workers have no public IP."
  }

  assert {
    condition     = strcontains(output.ssh_config, "HostName ${output.bastion_ips["montpellier"]}") && strcontains(output.ssh_config, "ProxyJump tftest-bastion-montpellier")
    error_message = "ssh_config reaches the montpellier worker through the montpellier bastion."
  }

  assert {
    condition     = [for r in crd_security_group.workers["toulouse"].rule : r.remote_group_id if r.port_range_min == 22] == [crd_security_group.bastion["toulouse"].id]
    error_message = "crd-sim holds a worker SSH rule admitting only the toulouse bastion's group."
  }

  assert {
    condition     = [for r in crd_security_group.bastion["montpellier"].rule : "${r.protocol}/${r.port_range_min}/${r.remote_ip_prefix}"] == ["tcp/22/192.0.2.0/24"]
    error_message = "crd-sim holds exactly one bastion rule: SSH from the allowed CIDR."
  }

  assert {
    condition     = crd_vm.bastion["toulouse"].security_groups == toset([crd_security_group.bastion["toulouse"].id]) && crd_volume.data["tftest-compute-1-scratch"].attach_to == crd_vm.worker["tftest-compute-1"].id
    error_message = "The bastion is in its group and the scratch volume is attached to its worker."
  }
}

run "plan_after_apply_keeps_the_outputs" {
  command = plan

  assert {
    condition     = length(output.workers) == 3
    error_message = "The outputs are stable."
  }
}
