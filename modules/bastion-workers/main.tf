# Bastion + workers across the federation's sites, from one module call and one provider block:
# every resource takes `site` as an argument, so no provider alias is needed. Sites share no
# private network, so every site that has workers gets its own bastion; only bastions have a
# floating IP and port 22 (from var.allowed_ssh_cidrs); workers accept SSH only from their
# site's bastion.

locals {
  workers = merge([
    for group, g in var.worker_groups : {
      for i in range(g.count) : "${var.name_prefix}-${group}-${i + 1}" => {
        group               = group
        site                = g.site
        flavor              = g.flavor
        image               = coalesce(g.image, var.image)
        boot_volume_size_gb = g.boot_volume_size_gb
        metadata            = g.metadata
      }
    }
  ]...)

  # Only sites that actually have workers get a bastion (a group with count = 0 costs nothing).
  sites = toset([for w in values(local.workers) : w.site])

  data_volumes = merge([
    for name, w in local.workers : {
      for volume, v in var.worker_groups[w.group].data_volumes : "${name}-${volume}" => merge(v, { worker = name, site = w.site })
    }
  ]...)

  admin_key = length(var.ssh_public_keys) > 0 ? trimspace(var.ssh_public_keys[0]) : null

  base_cloud_config = {
    ssh_pwauth          = false
    disable_root        = true
    ssh_authorized_keys = [for k in var.ssh_public_keys : trimspace(k)]
    users = concat(["default"], [
      for user, keys in var.users : merge(
        { name = user, shell = "/bin/bash", lock_passwd = true, ssh_authorized_keys = [for k in keys : trimspace(k)] },
        contains(var.sudoers, user) ? { sudo = "ALL=(ALL) NOPASSWD:ALL" } : {},
      )
    ])
    package_update  = true
    package_upgrade = var.unattended_upgrades
  }

  worker_cloud_config = merge(local.base_cloud_config, {
    packages = var.unattended_upgrades ? ["unattended-upgrades"] : []
  }, var.cloud_config_extra)

  bastion_cloud_config = merge(local.base_cloud_config, {
    packages = concat(var.unattended_upgrades ? ["unattended-upgrades"] : [], var.fail2ban ? ["fail2ban"] : [])
  }, var.fail2ban ? { runcmd = [["systemctl", "enable", "--now", "fail2ban"]] } : {}, var.cloud_config_extra)

  bastion_name = { for site in local.sites : site => "${var.name_prefix}-bastion-${site}" }
}

resource "crd_key_pair" "admin" {
  for_each = local.admin_key == null ? toset([]) : local.sites

  site       = each.key
  project    = var.project
  name       = "${var.name_prefix}-admin"
  public_key = local.admin_key
}

resource "crd_security_group" "bastion" {
  for_each = local.sites

  site        = each.key
  project     = var.project
  name        = "${var.name_prefix}-bastion"
  description = "SSH to the ${var.name_prefix} bastion from the allowed networks (managed by Terraform)"

  dynamic "rule" {
    for_each = var.allowed_ssh_cidrs
    content {
      direction        = "ingress"
      ethertype        = strcontains(rule.value, ":") ? "IPv6" : "IPv4"
      protocol         = "tcp"
      port_range_min   = 22
      port_range_max   = 22
      remote_ip_prefix = rule.value
      description      = "ssh from an allowed network"
    }
  }

  dynamic "rule" {
    for_each = var.bastion.extra_ingress
    content {
      direction        = "ingress"
      ethertype        = strcontains(rule.value.cidr, ":") ? "IPv6" : "IPv4"
      protocol         = rule.value.protocol
      port_range_min   = rule.value.port_min
      port_range_max   = rule.value.port_max
      remote_ip_prefix = rule.value.cidr
    }
  }
}

resource "crd_security_group" "workers" {
  for_each = local.sites

  site        = each.key
  project     = var.project
  name        = "${var.name_prefix}-workers"
  description = "${var.name_prefix} workers: SSH from this site's bastion only, anything between workers (managed by Terraform)"

  rule {
    direction       = "ingress"
    protocol        = "tcp"
    port_range_min  = 22
    port_range_max  = 22
    remote_group_id = crd_security_group.bastion[each.key].id
    description     = "ssh from the bastion"
  }

  dynamic "rule" {
    for_each = ["IPv4", "IPv6"]
    content {
      direction       = "ingress"
      ethertype       = rule.value
      remote_group_id = "self"
      description     = "workers of this site among themselves"
    }
  }
}

resource "crd_vm" "bastion" {
  for_each = local.sites

  site            = each.key
  project         = var.project
  name            = local.bastion_name[each.key]
  flavor          = var.bastion.flavor
  image           = coalesce(var.bastion.image, var.image)
  key_pair        = local.admin_key == null ? null : crd_key_pair.admin[each.key].name
  security_groups = [crd_security_group.bastion[each.key].id]
  floating_ip     = true
  user_data       = "#cloud-config\n${yamlencode(local.bastion_cloud_config)}"
  metadata        = { role = "bastion", module = "bastion-workers", prefix = var.name_prefix }

  lifecycle {
    precondition {
      condition     = alltrue([for s in var.sudoers : contains(keys(var.users), s)])
      error_message = "Every name in sudoers must be a key of users: ${join(", ", [for s in var.sudoers : s if !contains(keys(var.users), s)])} is not."
    }
  }
}

resource "crd_vm" "worker" {
  for_each = local.workers

  site                = each.value.site
  project             = var.project
  name                = each.key
  flavor              = each.value.flavor
  image               = each.value.image
  boot_volume_size_gb = each.value.boot_volume_size_gb
  key_pair            = local.admin_key == null ? null : crd_key_pair.admin[each.value.site].name
  security_groups     = [crd_security_group.workers[each.value.site].id]
  floating_ip         = false
  user_data           = "#cloud-config\n${yamlencode(local.worker_cloud_config)}"
  metadata            = merge(each.value.metadata, { role = "worker", group = each.value.group, module = "bastion-workers", prefix = var.name_prefix })
}

resource "crd_volume" "data" {
  for_each = { for k, v in local.data_volumes : k => v if !v.keep_on_destroy }

  site        = each.value.site
  project     = var.project
  name        = each.key
  size_gb     = each.value.size_gb
  volume_type = each.value.volume_type
  attach_to   = crd_vm.worker[each.value.worker].id
}

# Volumes whose data must outlive the workers: Terraform refuses to destroy them. To tear the
# rest down and keep them, `terraform state rm` them first (see the README).
resource "crd_volume" "kept" {
  for_each = { for k, v in local.data_volumes : k => v if v.keep_on_destroy }

  site        = each.value.site
  project     = var.project
  name        = each.key
  size_gb     = each.value.size_gb
  volume_type = each.value.volume_type
  attach_to   = crd_vm.worker[each.value.worker].id

  lifecycle {
    prevent_destroy = true
  }
}
