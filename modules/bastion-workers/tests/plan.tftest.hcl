# Plan-only tests of the module's logic: variable validation and wiring. A mock provider
# (Terraform >= 1.7) stands in for crd, so these need no cloud and no simulator.

mock_provider "crd" {
  mock_resource "crd_vm" {
    override_during = plan
    defaults = {
      id         = "vm-mock"
      public_ip  = "198.51.100.10"
      private_ip = "10.0.0.10"
    }
  }

  mock_resource "crd_security_group" {
    override_during = plan
    defaults = {
      id = "sg-mock"
    }
  }
}

variables {
  name_prefix       = "tp"
  allowed_ssh_cidrs = ["192.0.2.0/24", "2001:db8::/32"]
  ssh_public_keys   = ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB6kWzUQxq6CcG3OJ2hH7H2k6v4a8N+fm0XqkS7kR5cT alice@laptop"]
  worker_groups = {
    compute = { site = "toulouse", count = 3, flavor = "m1.small" }
    gpu     = { site = "toulouse", count = 1, flavor = "g1.large" }
    analyse = { site = "montpellier", count = 2, flavor = "m1.medium", data_volumes = { scratch = { size_gb = 20 }, archive = { size_gb = 100, volume_type = "hdd", keep_on_destroy = true } } }
    idle    = { site = "paris", count = 0, flavor = "m1.small" }
  }
}

run "one_bastion_per_site_with_workers" {
  command = plan

  assert {
    condition     = toset(keys(crd_vm.bastion)) == toset(["toulouse", "montpellier"])
    error_message = "Expected one bastion on each site that has workers (none on paris, whose group is empty)."
  }

  assert {
    condition     = length(crd_vm.worker) == 6
    error_message = "Expected 3 + 1 + 2 workers."
  }

  assert {
    condition     = alltrue([for vm in crd_vm.bastion : vm.floating_ip]) && alltrue([for vm in crd_vm.worker : !vm.floating_ip])
    error_message = "Only bastions may have a floating IP."
  }

  assert {
    condition     = crd_vm.worker["tp-analyse-2"].site == "montpellier" && crd_vm.worker["tp-gpu-1"].flavor == "g1.large"
    error_message = "Workers must be placed on their group's site with their group's flavor."
  }

  assert {
    condition     = alltrue([for name, vm in crd_vm.worker : vm.security_groups == toset([crd_security_group.workers[vm.site].id])])
    error_message = "Workers must be in their own site's worker group only."
  }

  assert {
    condition     = crd_key_pair.admin["montpellier"].public_key == var.ssh_public_keys[0] && crd_vm.worker["tp-compute-1"].key_pair == "tp-admin"
    error_message = "The first SSH key must be registered on every site and used by the VMs."
  }
}

run "ssh_only_from_allowed_cidrs_and_the_bastion" {
  command = plan

  assert {
    condition = alltrue([for r in crd_security_group.bastion["toulouse"].rule :
    r.direction == "ingress" && r.protocol == "tcp" && r.port_range_min == 22 && r.port_range_max == 22 && contains(var.allowed_ssh_cidrs, r.remote_ip_prefix)])
    error_message = "Bastion rules must open port 22 to the allowed CIDRs only."
  }

  assert {
    condition     = length(crd_security_group.bastion["toulouse"].rule) == 2 && contains([for r in crd_security_group.bastion["toulouse"].rule : r.ethertype], "IPv6")
    error_message = "Expected one rule per allowed CIDR, with the IPv6 one as IPv6."
  }

  assert {
    condition = alltrue([for r in crd_security_group.workers["montpellier"].rule :
    r.remote_ip_prefix == null && (r.remote_group_id == "self" || r.remote_group_id == crd_security_group.bastion["montpellier"].id)])
    error_message = "Workers must accept traffic only from their bastion and from each other, never from a CIDR."
  }

  assert {
    condition     = length([for r in crd_security_group.workers["montpellier"].rule : r if r.port_range_min == 22]) == 1
    error_message = "Workers must accept SSH from the bastion."
  }
}

run "data_volumes_and_kept_volumes" {
  command = plan

  assert {
    condition     = toset(keys(crd_volume.data)) == toset(["tp-analyse-1-scratch", "tp-analyse-2-scratch"])
    error_message = "Every worker of the group gets its scratch volume."
  }

  assert {
    condition     = toset(keys(crd_volume.kept)) == toset(["tp-analyse-1-archive", "tp-analyse-2-archive"]) && crd_volume.kept["tp-analyse-1-archive"].volume_type == "hdd"
    error_message = "keep_on_destroy volumes must be the prevent_destroy ones."
  }
}

run "outputs_ssh_config_and_inventory" {
  command = plan

  assert {
    condition     = strcontains(output.ssh_config, "ProxyJump tp-bastion-montpellier") && strcontains(output.ssh_config, "Host tp-analyse-1")
    error_message = "ssh_config must reach workers through their site's bastion."
  }

  assert {
    condition     = !strcontains(lower(output.ssh_config), "stricthostkeychecking") && !strcontains(lower(output.ansible_inventory), "stricthostkeychecking")
    error_message = "Host key checking must never be turned off."
  }

  assert {
    condition     = toset(keys(yamldecode(output.ansible_inventory).all.children)) == toset(["bastions", "compute", "gpu", "analyse", "site_toulouse", "site_montpellier"])
    error_message = "The inventory has the bastions, one group per worker group with workers, one per site."
  }
}

run "cloud_init_has_keys_users_and_hardening" {
  command = plan

  variables {
    users   = { alice = ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB6kWzUQxq6CcG3OJ2hH7H2k6v4a8N+fm0XqkS7kR5cT alice@laptop"], bob = [] }
    sudoers = ["alice"]
  }

  assert {
    condition     = startswith(crd_vm.bastion["toulouse"].user_data, "#cloud-config\n")
    error_message = "user_data must be cloud-config."
  }

  assert {
    condition = (
      yamldecode(trimprefix(crd_vm.bastion["toulouse"].user_data, "#cloud-config\n")).ssh_pwauth == false &&
      contains(yamldecode(trimprefix(crd_vm.bastion["toulouse"].user_data, "#cloud-config\n")).packages, "fail2ban") &&
      !contains(yamldecode(trimprefix(crd_vm.worker["tp-compute-1"].user_data, "#cloud-config\n")).packages, "fail2ban")
    )
    error_message = "Bastions get fail2ban and no password logins; workers do not need fail2ban."
  }

  assert {
    condition     = [for u in yamldecode(trimprefix(crd_vm.worker["tp-compute-1"].user_data, "#cloud-config\n")).users : try(u.sudo, "") if try(u.name, "") == "alice"] == ["ALL=(ALL) NOPASSWD:ALL"]
    error_message = "alice is a sudoer."
  }
}

run "sudoer_must_be_a_user" {
  command = plan

  variables {
    sudoers = ["mallory"]
  }

  expect_failures = [crd_vm.bastion]
}

run "ssh_cidrs_are_required" {
  command = plan

  variables {
    allowed_ssh_cidrs = []
  }

  expect_failures = [var.allowed_ssh_cidrs]
}

run "ssh_cidr_must_be_a_network" {
  command = plan

  variables {
    allowed_ssh_cidrs = ["192.0.2.7/24"]
  }

  expect_failures = [var.allowed_ssh_cidrs]
}

run "name_prefix_is_validated" {
  command = plan

  variables {
    name_prefix = "Lab_1"
  }

  expect_failures = [var.name_prefix]
}

run "worker_count_is_bounded" {
  command = plan

  variables {
    worker_groups = { compute = { site = "toulouse", count = 51, flavor = "m1.small" } }
  }

  expect_failures = [var.worker_groups]
}

run "worker_group_name_is_validated" {
  command = plan

  variables {
    worker_groups = { bastions = { site = "toulouse", count = 1, flavor = "m1.small" } }
  }

  expect_failures = [var.worker_groups]
}

run "private_keys_are_refused" {
  command = plan

  variables {
    ssh_public_keys = ["-----BEGIN OPENSSH PRIVATE KEY-----"]
  }

  expect_failures = [var.ssh_public_keys]
}

run "bastion_extra_ingress_is_validated" {
  command = plan

  variables {
    bastion = { extra_ingress = [{ protocol = "tcp", port_min = 443, port_max = 80, cidr = "192.0.2.0/24" }] }
  }

  expect_failures = [var.bastion]
}
