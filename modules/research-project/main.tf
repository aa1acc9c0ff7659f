# A research group's project on the federation, end to end: a portal project (crd_project) with a
# tenant on each site, a quota per site (crd_quota, through the portal), an optional Onedata space
# supported by those sites, and optional bastion + workers inside the project's tenants.
# The module has no provider block: the caller's crd provider needs the portal (portal_url,
# portal_token), Onezone (onezone_url, onezone_token) when onedata_space is set, and a site block
# for every site of `sites`.

locals {
  onedata_sites = { for site, s in var.sites : site => s.onedata_gb if s.onedata_gb != null }
  quota_keys    = ["cores", "ram_gb", "storage_gb", "instances", "volumes", "floating_ips"]
}

resource "crd_project" "this" {
  name                = var.name
  description         = var.description
  customer            = var.customer
  sites               = keys(var.sites)
  end_date            = var.end_date
  deletion_protection = var.deletion_protection
}

resource "crd_quota" "site" {
  for_each = var.sites

  project      = crd_project.this.id
  site         = each.key
  cores        = each.value.cores
  ram_gb       = each.value.ram_gb
  storage_gb   = each.value.storage_gb
  instances    = each.value.instances
  volumes      = each.value.volumes
  floating_ips = each.value.floating_ips
}

resource "crd_onedata_space" "data" {
  count = var.onedata_space == null ? 0 : 1

  name                = coalesce(var.onedata_space.name, var.name)
  deletion_protection = var.deletion_protection

  dynamic "support" {
    for_each = local.onedata_sites
    content {
      site    = support.key
      size_gb = support.value
    }
  }
}

module "workers" {
  source = "../bastion-workers"
  count  = var.workers == null ? 0 : 1

  # The quotas first: the workers' plan-time quota check then sees the project's new limits.
  depends_on = [crd_quota.site]

  project           = crd_project.this.id
  name_prefix       = var.name
  allowed_ssh_cidrs = var.workers.allowed_ssh_cidrs
  worker_groups     = var.workers.groups
  image             = var.workers.image
  bastion           = { flavor = var.workers.bastion_flavor }
  admin_user        = var.workers.admin_user
  ssh_public_keys   = var.workers.ssh_public_keys
  users             = var.workers.users
  sudoers           = var.workers.sudoers
}
